import Engine
import Foundation
import JSONCore
import LambdaRuntime

/// The outside services proactive events talk to, on loopback: a fake Login with Amazon
/// and event gateway (HomeAssistantTests/Fixtures/fake_alexa_cloud.py, validating every
/// event against Amazon's schema) and a fake SSM checking SigV4 with botocore
/// (EngineTests/Fixtures/fake_ssm.py), for the in-process and the end-to-end suites.
public final class FakeAlexaCloud: Sendable {
  public static let clientId = "amzn1.application-oa2-client.test"
  public static let clientSecret = "client-secret-for-tests"
  public static let code = "ANAUTHORIZATIONCODE"
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

  public let amazon: FixtureServer
  public let ssm: FixtureServer
  /// The region SSM's signatures are checked for (lambda-local gives its runtime us-east-1).
  public let region: String

  /// `storedGrant`: the text SSM holds as `/lee/ALEXA_GRANT` from the start;
  /// `parameters`: other parameters it holds (full names).
  public init(
    storedGrant: JSON? = nil, parameters: [String: String] = [:], region: String = "eu-west-1"
  ) throws {
    self.region = region
    amazon = try FixtureServer(
      script: Self.tests.appendingPathComponent("HomeAssistantTests/Fixtures/fake_alexa_cloud.py")
        .path,
      arguments: [Self.clientId, Self.clientSecret, Self.code])
    var held = JSONObject()
    for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { held[name] = .string(value) }
    if let storedGrant {
      held["/lee/ALEXA_GRANT"] = .string(JSONWriter().string(storedGrant))
    }
    ssm = try FixtureServer(
      script: Self.tests.appendingPathComponent("EngineTests/Fixtures/fake_ssm.py").path,
      arguments: ["AKIDEXAMPLE", "ssm-secret", region, JSONWriter().string(.object(held))])
  }

  /// The function's environment for these fakes, events on.
  public var environment: [String: String] {
    [
      "ALEXA_CLIENT_ID": Self.clientId, "ALEXA_CLIENT_SECRET": Self.clientSecret,
      "LWA_TOKEN_URL": amazon.url + "/auth/o2/token",
      "ALEXA_EVENT_GATEWAY_URL": amazon.url + "/v3/events",
      "PARAMETER_PREFIX": "/lee", "SSM_EXTENSION_URL": "http://127.0.0.1:1",
      "AWS_ENDPOINT_URL_SSM": ssm.url + "/", "AWS_REGION": region,
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "ssm-secret",
    ]
  }

  public func script(_ script: JSON) throws {
    _ = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(method: "POST", url: amazon.url + "/__script", body: JSONWriter().bytes(script)),
      timeoutMilliseconds: 3000)
  }

  /// What the fake Amazon saw: token requests and events, each with its verdict.
  public func log() throws -> [JSON] { try get(amazon.url + "/__log").array ?? [] }
  public func events() throws -> [JSON] { try log().filter { $0["kind"] == "event" } }
  public func tokenRequests() throws -> [JSON] { try log().filter { $0["kind"] == "token" } }

  /// The changed properties of a ChangeReport the gateway saw (an `events()` entry).
  public static func changed(_ event: JSON) -> [JSON] {
    event["message"]?["event"]?["payload"]?["change"]?["properties"]?.array ?? []
  }

  /// The grant SSM holds now, and botocore's verdict on every SSM request.
  public func storedGrant() throws -> JSON? {
    guard let text = try get(ssm.url + "/__parameters")["/lee/ALEXA_GRANT"]?.string else {
      return nil
    }
    return try JSONParser.parse(text)
  }
  /// What SSM saw: each request's target, parameter name and signature problem.
  public func ssmRequests() throws -> [JSON] { try get(ssm.url + "/__log").array ?? [] }

  /// The GetParameter calls SSM saw for `name`.
  public func reads(of name: String) throws -> Int {
    try ssmRequests().filter {
      $0["target"] == "AmazonSSM.GetParameter" && $0["name"]?.string == name
    }.count
  }

  /// Faults for GetParameter by name ("hang", "throttle", "denied" or a status); [:]
  /// clears them.
  public func ssmFaults(_ faults: JSON) throws {
    _ = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(method: "POST", url: ssm.url + "/__faults", body: JSONWriter().bytes(faults)),
      timeoutMilliseconds: 3000)
  }

  public func ssmProblems() throws -> [JSON] {
    (try get(ssm.url + "/__log").array ?? []).compactMap { $0["problem"] }.filter { !$0.isNull }
  }

  private func get(_ url: String) throws -> JSON {
    try JSONParser.parse(
      try HTTPClient(userAgent: "lee-tests").send(HTTPRequest(url: url), timeoutMilliseconds: 3000)
        .body)
  }

  public static var acceptGrant: JSON {
    [
      "directive": [
        "header": [
          "namespace": "Alexa.Authorization", "name": "AcceptGrant", "messageId": "m",
          "payloadVersion": "3",
        ],
        "payload": [
          "grant": ["type": "OAuth2.AuthorizationCode", "code": .string(code)],
          "grantee": ["type": "BearerToken", "token": "linked"],
        ],
      ]
    ]
  }
}
