import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import TestSupport

/// The function with proactive events on, end to end: the real bootstrap under
/// lambda-local with a Function URL on the port the demo Home Assistant pushes to (its
/// home-assistant/lee_alexa_events.yaml package), a fake Login with Amazon and event
/// gateway that validates every event against Amazon's schema, and a fake SSM (SigV4
/// checked by botocore).
final class DemoEvents {
  static let pushURL = ProcessInfo.processInfo.environment["LEE_DEMO_PUSH_URL"]
  static let pushSecret = ProcessInfo.processInfo.environment["LEE_DEMO_PUSH_SECRET"]
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
  static let clientId = "amzn1.application-oa2-client.e2e"
  static let clientSecret = "e2e-client-secret"
  static let code = "E2ECODE"

  let amazon: FixtureServer
  let ssm: FixtureServer
  private(set) var lambda: LocalLambda
  private var url: HTTPServer

  init() throws {
    amazon = try FixtureServer(
      script: Self.tests.appendingPathComponent("HomeAssistantTests/Fixtures/fake_alexa_cloud.py")
        .path,
      arguments: [Self.clientId, Self.clientSecret, Self.code])
    ssm = try FixtureServer(
      script: Self.tests.appendingPathComponent("EngineTests/Fixtures/fake_ssm.py").path,
      arguments: ["AKIDEXAMPLE", "ssm-secret", "us-east-1"])  // lambda-local's region
    lambda = try Self.start(amazon, ssm)
    url = try Self.serve(lambda)
  }

  deinit {
    url.stop()
    lambda.shutdown()
  }

  private static func start(_ amazon: FixtureServer, _ ssm: FixtureServer) throws -> LocalLambda {
    try TestFunction.start(
      ProcessInfo.processInfo.environment.merging([
        "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
        "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
        "ALEXA_CLIENT_ID": clientId, "ALEXA_CLIENT_SECRET": clientSecret,
        "LWA_TOKEN_URL": amazon.url + "/auth/o2/token",
        "ALEXA_EVENT_GATEWAY_URL": amazon.url + "/v3/events",
        "HOME_ASSISTANT_PUSH_SECRET": pushSecret!,
        "PARAMETER_PREFIX": "/lee", "SSM_EXTENSION_URL": "http://127.0.0.1:1",
        "SSM_ENDPOINT": ssm.url + "/",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "ssm-secret",
      ]) { $1 }, timeout: 10)
  }

  /// The Function URL, on the port the demo pushes to.
  private static func serve(_ lambda: LocalLambda) throws -> HTTPServer {
    try FunctionURLEndpoint.serve(lambda, port: UInt16(URL(string: pushURL!)?.port ?? 19123))
  }

  /// A cold start: a new runtime process, the same fakes.
  func restart() throws {
    url.stop()
    lambda.shutdown()
    lambda = try Self.start(amazon, ssm)
    url = try Self.serve(lambda)
  }

  func invoke(_ event: JSON) throws -> JSON {
    try JSONParser.parse(lambda.invoke(JSONWriter().bytes(event)).body)
  }

  func acceptGrant() throws -> JSON {
    try invoke([
      "directive": [
        "header": [
          "namespace": "Alexa.Authorization", "name": "AcceptGrant", "messageId": "m",
          "payloadVersion": "3",
        ],
        "payload": [
          "grant": ["type": "OAuth2.AuthorizationCode", "code": .string(Self.code)],
          "grantee": ["type": "BearerToken", "token": "linked"],
        ],
      ]
    ])
  }

  func script(_ script: JSON) throws {
    _ = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(method: "POST", url: amazon.url + "/__script", body: JSONWriter().bytes(script)),
      timeoutMilliseconds: 3000)
  }

  func log() throws -> [JSON] {
    try JSONParser.parse(
      HTTPClient(userAgent: "lee-tests").send(
        HTTPRequest(url: amazon.url + "/__log"), timeoutMilliseconds: 3000
      ).body
    ).array ?? []
  }

  /// Events for `endpointId` the gateway has seen (other suites' changes are pushed too).
  func events(for endpointId: String) throws -> [JSON] {
    try log().filter {
      $0["kind"] == "event"
        && $0["message"]?["event"]?["endpoint"]?["endpointId"]?.string
          == endpointId
    }
  }

  /// Waits up to `seconds` for an event for `endpointId` named `name`; with the time it
  /// took from `since`.
  func awaitEvent(_ name: String, for endpointId: String, since: UInt64, seconds: Double = 5)
    throws -> (event: JSON, milliseconds: Double)?
  {
    let limit = Date().addingTimeInterval(seconds)
    while Date() < limit {
      if let event = try events(for: endpointId).first(where: {
        $0["message"]?["event"]?["header"]?["name"]?.string == name
      }) {
        return (event, Double(Clock.monotonicNanoseconds() - since) / 1e6)
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return nil
  }

  /// Waits for the Response event (a deferred reply's end) reporting `lockState`.
  func awaitResponse(lockState: String, seconds: Double = 8) throws -> JSON? {
    let limit = Date().addingTimeInterval(seconds)
    while Date() < limit {
      if let entry = try log().first(where: { entry in
        entry["message"]?["event"]?["header"]?["name"] == "Response"
          && entry["message"]?["context"]?["properties"]?.array?.contains {
            $0["name"] == "lockState" && $0["value"] == .string(lockState)
          } == true
      }) {
        return entry
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  /// Home Assistant's REST API as the owner.
  static func homeAssistant(_ method: String, _ path: String, _ body: JSON? = nil) throws
    -> HTTPResponse
  {
    try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(
        method: method, url: DemoHomeAssistant.url! + path,
        headers: [
          ("Authorization", "Bearer \(DemoHomeAssistant.token!)"),
          ("Content-Type", "application/json"),
        ], body: body.map { JSONWriter().bytes($0) } ?? []), timeoutMilliseconds: 5000)
  }

  /// Home Assistant's persistent notifications (over its websocket, with the demo's Python).
  static func notifications() throws -> [JSON] {
    let process = Process()
    process.executableURL = tests.deletingLastPathComponent().appendingPathComponent(
      ".demo-ha/venv/bin/python")
    process.arguments = [
      tests.appendingPathComponent("EndToEndTests/Fixtures/ha_notifications.py").path,
      DemoHomeAssistant.url!, DemoHomeAssistant.token!,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONParser.parse(Array(data)).array ?? []
  }
}
