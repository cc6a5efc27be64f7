import Engine
import Foundation
import JSONCore
import LambdaEmulator
import TestSupport
import Testing

/// `{"action":"doctor"}` from outside: the real bootstrap under lambda-local, against the
/// demo Home Assistant's real sign-in (`/auth/providers`, `/auth/login_flow`), the fake
/// Login with Amazon, and faults seeded one at a time. Each failed check must say what is
/// wrong and give a fix; no report carries a secret.
@Suite(
  .serialized,
  .enabled(if: DemoHomeAssistant.url != nil, "needs scripts/test.sh's demo Home Assistant"))
struct DoctorTests {
  private static let pushSecret = String(repeating: "p", count: 40)

  /// The function as the setup command leaves it, on the demo, events on, in us-east-1.
  private func environment(_ cloud: FakeAlexaCloud) -> [String: String] {
    cloud.environment.merging([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      "HOME_ASSISTANT_PUSH_SECRET": Self.pushSecret, "PRECONNECT": "false",
    ]) { $1 }
  }

  /// The doctor's checks by name, after checking the report's shape and that no secret
  /// is in it.
  private func doctor(_ function: DemoFunction) throws -> [String: JSON] {
    let body = try function.invoke(Array(#"{"action":"doctor"}"#.utf8)).body
    let text = String(decoding: body, as: UTF8.self)
    for secret in [DemoHomeAssistant.token!, FakeAlexaCloud.clientSecret, Self.pushSecret] {
      #expect(!text.contains(secret), "a secret in the doctor's report: \(text)")
    }
    let report = try JSONParser.parse(body)
    var checks: [String: JSON] = [:]
    for check in report["checks"]?.array ?? [] {
      let name = try #require(check["name"]?.string)
      #expect(check["detail"]?.string?.isEmpty == false, "\(check)")
      #expect(
        (check["fix"]?.string?.isEmpty == false) == (check["ok"] == false),
        "a fix exactly where the check failed: \(check)")
      checks[name] = check
    }
    #expect(report["ok"]?.bool == checks.values.allSatisfy { $0["ok"] == true })
    return checks
  }

  private func run(_ environment: [String: String]) throws -> [String: JSON] {
    let function = try DemoHomeAssistant.lambda(environment, linked: false)
    defer { function.shutdown() }
    return try doctor(function)
  }

  @Test func aWorkingSetupPassesAllButWhatLoopbackCannotHave() throws {
    let cloud = try FakeAlexaCloud(region: "us-east-1")
    let function = try DemoHomeAssistant.lambda(environment(cloud), linked: false)
    defer { function.shutdown() }
    let before = try doctor(function)
    #expect(before["grant"]?["ok"] == false)
    #expect(before["grant"]?["fix"]?.string?.contains("disable and enable the skill") == true)
    _ = try function.invoke(JSONWriter().bytes(FakeAlexaCloud.acceptGrant))
    let checks = try doctor(function)
    for name in [
      "homeAssistantReachable", "ownerToken", "accountLinking", "alexaRegion", "secretSources",
      "eventsCredentials", "grant",
    ] {
      #expect(checks[name]?["ok"] == true, "\(name): \(checks[name] ?? .null)")
    }
    #expect(checks["ownerToken"]?["detail"]?.string?.contains("Home Assistant 20") == true)
    #expect(checks["accountLinking"]?["detail"]?.string?.contains("pitangui") == true)
    // The demo is plain HTTP on loopback: the one thing a real setup has that it lacks.
    #expect(checks["httpsOn443"]?["ok"] == false)
    #expect(checks["httpsOn443"]?["detail"]?.string?.contains("plain HTTP") == true)
    #expect(checks["publicCertificate"] == nil, "plain HTTP has no certificate to check")
    let requests = try cloud.tokenRequests().map { $0["grant_type"]?.string }
    #expect(requests.contains("client_credentials"))
  }

  @Test func eachSeededFaultFailsItsOwnCheckWithAFix() throws {
    let cloud = try FakeAlexaCloud(region: "us-east-1")
    let working = environment(cloud)
    let faults: [(String, [String: String], String, String)] = [
      ("a refused token", ["HOME_ASSISTANT_TOKEN": "not-a-token"], "ownerToken", "refused"),
      (
        "a client id Home Assistant rejects", ["ACCOUNT_LINKING_CLIENT_ID": "https://8.8.8.8/"],
        "accountLinking", "400"
      ),
      (
        "another region's client id", ["ACCOUNT_LINKING_CLIENT_ID": "https://layla.amazon.com/"],
        "accountLinking", "pitangui"
      ),
      (
        "a region that is not Alexa's", ["AWS_REGION": "eu-central-1"], "alexaRegion",
        "eu-central-1"
      ),
      (
        "refused events credentials", ["ALEXA_CLIENT_SECRET": "not-the-secret"],
        "eventsCredentials", "invalid_client"
      ),
      (
        "events without a client secret", ["ALEXA_CLIENT_SECRET": ""], "secretSources",
        "ALEXA_CLIENT_SECRET"
      ),
      (
        "Home Assistant on port 8123", ["HOME_ASSISTANT_URL": "https://127.0.0.1:8123"],
        "httpsOn443", "8123"
      ),
    ]
    for (fault, change, name, detail) in faults {
      let checks = try run(working.merging(change) { $1 })
      let check = checks[name] ?? .null
      #expect(check["ok"] == false, "\(fault): \(check)")
      #expect(check["detail"]?.string?.contains(detail) == true, "\(fault): \(check)")
    }
  }

  /// The function accepts a self-signed certificate it was given; Alexa never would.
  @Test func aSelfSignedCertificateIsNotPublic() throws {
    let home = try FaultServer(mode: "ok", tls: true)
    defer { home.stop() }
    let checks = try run([
      "HOME_ASSISTANT_URL": home.url, "HOME_ASSISTANT_TOKEN": "token",
      "HOME_ASSISTANT_CA_BUNDLE": FaultServer.certificate, "AWS_REGION": "us-east-1",
      "PRECONNECT": "false",
    ])
    #expect(checks["ownerToken"]?["ok"] == true, "the function itself trusts it: \(checks)")
    let certificate = checks["publicCertificate"] ?? .null
    #expect(certificate["ok"] == false, "\(certificate)")
    #expect(certificate["detail"]?.string?.contains("not trusted") == true, "\(certificate)")
  }

  /// scripts/doctor.sh asks a deployed function through Lambda's Invoke API with boto3
  /// (here lambda-local's, through AWS_ENDPOINT_URL_LAMBDA) and prints the table.
  @Test func theDoctorScriptAsksTheDeployedFunctionAndPrintsATable() throws {
    let function = try DemoHomeAssistant.lambda(
      [
        "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
        "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      ], linked: false)
    defer { function.shutdown() }
    let endpoint = try InvokeEndpoint.serve(function.lambda, port: 0)
    defer { endpoint.stop() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      TestPython.repositoryRoot.appendingPathComponent("scripts/doctor.sh").path, "--function",
      "function", "--region", "us-east-1",
    ]
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment.merge([
      "AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:\(endpoint.port)",
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
      "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    ]) { $1 }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let table = String(
      decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "plain HTTP fails a check: \(table)")
    #expect(table.contains("FAIL httpsOn443"), "\(table)")
    #expect(table.contains("fix: serve Home Assistant over HTTPS"), "\(table)")
    #expect(table.contains("ok   homeAssistantReachable"), "\(table)")
    #expect(!table.contains(DemoHomeAssistant.token!))
  }

  @Test func plainHTTPIsNotEnoughForAccountLinking() throws {
    let checks = try run([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      "AWS_REGION": "eu-west-1",
    ])
    #expect(checks["httpsOn443"]?["ok"] == false)
    #expect(checks["httpsOn443"]?["fix"]?.string?.contains("HTTPS on port 443") == true)
    #expect(checks["accountLinking"]?["detail"]?.string?.contains("layla") == true)
    #expect(checks["eventsCredentials"] == nil, "no events: nothing to check there")
  }
}
