import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@Suite struct SigV4Tests {
  @Test func sha256AndHMACMatchTheStandardVectors() {
    #expect(
      SHA256.hex(SHA256.hash([]))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(SHA256.hash(Array("abc".utf8)))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256.hex(SHA256.hash(Array(twoBlocks.utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // RFC 4231, test cases 2 and 6 (a key longer than the block).
    #expect(
      SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)))
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    #expect(
      SHA256.hex(
        SHA256.hmac(
          key: [UInt8](repeating: 0xaa, count: 131),
          Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }

  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fake_ssm.py").path

  private func services(secret: String, ssm: FixtureServer) throws -> Services {
    try Gateway(
      environment: [
        "PARAMETER_PREFIX": "/p", "SSM_EXTENSION_URL": "http://127.0.0.1:1",
        "AWS_ENDPOINT_URL_SSM": ssm.url + "/", "AWS_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret,
        "AWS_SESSION_TOKEN": "session-token", "PRECONNECT": "false",
      ], log: RuntimeLog(format: .json, threshold: .fatal)
    ).services
  }

  /// What the fake saw: one entry per request, with botocore's verdict.
  private func seen(_ ssm: FixtureServer) throws -> [JSON] {
    let response = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(url: ssm.url + "/__log"), timeoutMilliseconds: 3000)
    return try JSONParser.parse(response.body).array ?? []
  }

  /// libcurl 7.88's own signer listed `expect` in SignedHeaders without sending it; AWS
  /// answers such a request with IncompleteSignatureException.
  @Test func theDirectGetParameterIsSignedAsBotocoreSignsIt() throws {
    let ssm = try FixtureServer(
      script: Self.fixture,
      arguments: ["AKIDEXAMPLE", "wJalrXUtnFEMI", "eu-west-1", #"{"/p/SECRET":"direct"}"#])
    let services = try services(secret: "wJalrXUtnFEMI", ssm: ssm)
    #expect(
      try services.parameterStore.value(named: "/p/SECRET", timeoutMilliseconds: 3000) == "direct")
    let entry = try #require(try seen(ssm).first)
    #expect(entry["problem"] == .null, "botocore's verdict: \(entry)")
    #expect(entry["target"] == "AmazonSSM.GetParameter")
    let signed = entry["signedHeaders"]?.string ?? ""
    #expect(signed == "content-type;host;x-amz-date;x-amz-security-token;x-amz-target")
  }

  @Test func aValueWrittenIsASignedSecureStringReadBackFresh() throws {
    let ssm = try FixtureServer(
      script: Self.fixture,
      arguments: ["AKIDEXAMPLE", "wJalrXUtnFEMI", "eu-west-1", #"{"/p/GRANT":"old"}"#])
    let services = try services(secret: "wJalrXUtnFEMI", ssm: ssm)
    let store = services.parameterStore
    #expect(try store.value(named: "/p/GRANT", timeoutMilliseconds: 3000) == "old")
    try store.put("new", named: "/p/GRANT", timeoutMilliseconds: 3000)
    #expect(try store.value(named: "/p/GRANT", timeoutMilliseconds: 3000) == "new")
    #expect(try store.freshValue(named: "/p/GRANT", timeoutMilliseconds: 3000) == "new")
    let entries = try seen(ssm)
    #expect(
      entries.map { $0["target"]?.string } == [
        "AmazonSSM.GetParameter", "AmazonSSM.PutParameter", "AmazonSSM.GetParameter",
      ])
    #expect(entries.allSatisfy { $0["problem"] == .null }, "botocore's verdicts: \(entries)")
    let held = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(url: ssm.url + "/__parameters"), timeoutMilliseconds: 3000)
    #expect(try JSONParser.parse(held.body)["/p/GRANT"] == "new")
  }

  @Test func theFakeRejectsAWrongSignature() throws {
    let ssm = try FixtureServer(
      script: Self.fixture, arguments: ["AKIDEXAMPLE", "the-real-secret", "eu-west-1"])
    let services = try services(secret: "another-secret", ssm: ssm)
    #expect {
      _ = try services.parameterStore.value(named: "/p/SECRET", timeoutMilliseconds: 3000)
    } throws: { error in
      guard case .refused(let status, let body) = error as? ParameterStore.Failure else {
        return false
      }
      return status == 400 && body.contains("SignatureDoesNotMatch")
    }
  }

  @Test func aSignedRequestCarriesItsHostAndDateAndKeepsItsOwnHeaders() {
    let signing = AWSSigning(
      region: "us-east-1", service: "ssm", accessKeyId: "AKID", secretAccessKey: "secret")
    let request = HTTPRequest(
      method: "POST", url: "https://ssm.us-east-1.amazonaws.com/", headers: [("X-Amz-Target", "T")],
      body: Array("{}".utf8), signing: signing)
    let signed = signing.signed(request, at: 1_796_126_400)  // 2026-12-01T12:00:00Z
    let headers = Dictionary(uniqueKeysWithValues: signed.headers.map { ($0.0, $0.1) })
    #expect(headers["Host"] == "ssm.us-east-1.amazonaws.com")
    #expect(headers["X-Amz-Date"] == "20261201T120000Z")
    #expect(headers["X-Amz-Target"] == "T")
    #expect(
      headers["Authorization"]?.hasPrefix(
        "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/ssm/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature="
      ) == true)
    #expect(signed.signing == nil)
  }
}
