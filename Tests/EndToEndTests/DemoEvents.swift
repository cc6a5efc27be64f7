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

  let cloud: FakeAlexaCloud
  private(set) var lambda: LocalLambda
  private var url: HTTPServer
  private let timeout: Double
  /// The function's own output (its JSON log and Lambda's END/REPORT lines).
  let logPath = NSTemporaryDirectory() + "lee-events-\(UUID().uuidString).log"

  /// `timeout`: the function's, in seconds.
  init(timeout: Double = 10) throws {
    self.timeout = timeout
    cloud = try FakeAlexaCloud(region: "us-east-1")  // lambda-local's region
    lambda = try Self.start(cloud, timeout: timeout, logPath: logPath)
    url = try Self.serve(lambda)
    try awaitPushes()
  }

  /// Waits until Home Assistant's pushes reach this function. Its HTTP client keeps
  /// connections to the last test's URL, which that test closed, and a push sent on one
  /// of those is lost: a probe sensor is changed until a push gets through.
  private func awaitPushes() throws {
    let probe = "sensor.lee_push_probe"
    for attempt in 0..<5 {
      let before = pushesSeen
      _ = try DemoHomeAssistant.rest(
        "POST", "/api/states/\(probe)",
        [
          "state": .string("\(20 + attempt)"),
          "attributes": ["device_class": "temperature", "unit_of_measurement": "°C"],
        ])
      let limit = Date().addingTimeInterval(1)
      while pushesSeen == before, Date() < limit { Thread.sleep(forTimeInterval: 0.02) }
      if pushesSeen > before { return }
    }
  }

  /// Pushes the function has answered (one metrics line each).
  private var pushesSeen: Int { log.components(separatedBy: #""Family":"httpRequest""#).count - 1 }

  deinit {
    url.stop()
    lambda.shutdown()
    unlink(logPath)
  }

  private static func start(_ cloud: FakeAlexaCloud, timeout: Double, logPath: String) throws
    -> LocalLambda
  {
    try TestFunction.start(
      ProcessInfo.processInfo.environment.merging(cloud.environment) { $1 }.merging([
        "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
        "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
        "HOME_ASSISTANT_PUSH_SECRET": pushSecret!,
      ]) { $1 }, timeout: timeout, logPath: logPath)
  }

  var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

  /// The Function URL, on the port the demo pushes to.
  private static func serve(_ lambda: LocalLambda) throws -> HTTPServer {
    try FunctionURLEndpoint.serve(lambda, port: UInt16(URL(string: pushURL!)?.port ?? 19123))
  }

  /// A cold start: a new runtime process, the same fakes.
  func restart() throws {
    url.stop()
    lambda.shutdown()
    lambda = try Self.start(cloud, timeout: timeout, logPath: logPath)
    url = try Self.serve(lambda)
    try awaitPushes()
  }

  func invoke(_ event: JSON) throws -> JSON {
    try JSONParser.parse(lambda.invoke(JSONWriter().bytes(event)).body)
  }

  func acceptGrant() throws -> JSON { try invoke(FakeAlexaCloud.acceptGrant) }

  /// Events for `endpointId` the gateway has seen (other suites' changes are pushed too).
  func events(for endpointId: String) throws -> [JSON] {
    try cloud.log().filter {
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
    try awaitEntry(seconds: seconds) {
      $0["message"]?["event"]?["endpoint"]?["endpointId"]?.string == endpointId
        && $0["message"]?["event"]?["header"]?["name"]?.string == name
    }.map { ($0, Double(Clock.monotonicNanoseconds() - since) / 1e6) }
  }

  /// Waits for the deferred reply's end for `endpointId` that is an ErrorResponse.
  func awaitErrorResponse(for endpointId: String, seconds: Double = 12) throws -> JSON? {
    try awaitEntry(seconds: seconds) {
      $0["message"]?["event"]?["header"]?["name"] == "ErrorResponse"
        && $0["message"]?["event"]?["endpoint"]?["endpointId"]?.string == endpointId
    }
  }

  /// Waits for the Response event (a deferred reply's end) reporting `lockState`.
  func awaitResponse(lockState: String, seconds: Double = 8) throws -> JSON? {
    try awaitEntry(seconds: seconds) { entry in
      entry["message"]?["event"]?["header"]?["name"] == "Response"
        && entry["message"]?["context"]?["properties"]?.array?.contains {
          $0["name"] == "lockState" && $0["value"] == .string(lockState)
        } == true
    }
  }

  /// The first entry of the fake gateway's log that `matches`, within `seconds`.
  private func awaitEntry(seconds: Double, _ matches: (JSON) -> Bool) throws -> JSON? {
    let limit = Date().addingTimeInterval(seconds)
    repeat {
      if let entry = try cloud.log().first(where: matches) { return entry }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < limit
    return nil
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
