import Foundation
import LambdaEmulator

/// The function an end-to-end test talks to: the bootstrap under lambda-local, either
/// reaching Home Assistant itself or, through the home link (`linked`), reaching it only
/// through `lee-bridge`. Suites written against it run both ways (scripts/test.sh runs the
/// Smart Home and skill suites again with `LEE_THROUGH_HOME_LINK=1`).
final class DemoFunction {
  let lambda: LocalLambda
  /// The home's end, when linked; nil once stopped.
  private(set) var bridge: Process?
  let requestQueue: String?
  private let bridgeEnvironment: [String: String]
  let bridgeLogPath: String

  static var throughHomeLink: Bool {
    ProcessInfo.processInfo.environment["LEE_THROUGH_HOME_LINK"] == "1"
  }

  /// `environment` is everything the function would get when it reaches Home Assistant itself.
  init(_ environment: [String: String], linked: Bool = DemoFunction.throughHomeLink) throws {
    bridgeLogPath = NSTemporaryDirectory() + "lee-bridge-\(UUID().uuidString).log"
    guard linked else {
      lambda = try TestFunction.start(environment)
      requestQueue = nil
      bridgeEnvironment = [:]
      return
    }
    let queue = try HomeLinkRig.makeRequestQueue()
    requestQueue = queue
    bridgeEnvironment = TestFunction.localRun.merging(environment) { $1 }
    var functionEnvironment = environment.filter { !HomeLinkRig.homeOnly.contains($0.key) }
    functionEnvironment.merge(HomeLinkRig.aws) { $1 }
    functionEnvironment["LINK_QUEUE_URL"] = queue
    lambda = try TestFunction.start(functionEnvironment)
    try startBridge()
  }

  func invoke(_ event: [UInt8]) -> InvocationResult { lambda.invoke(event) }

  func startBridge() throws {
    guard let requestQueue, bridge == nil else { return }
    bridge = try HomeLinkRig.startBridge(
      queue: requestQueue, environment: bridgeEnvironment, logPath: bridgeLogPath)
  }

  func stopBridge() {
    bridge.map(HomeLinkRig.stop)
    bridge = nil
  }

  func shutdown() {
    lambda.shutdown()
    stopBridge()
    try? FileManager.default.removeItem(atPath: bridgeLogPath)
  }

  var bridgeLog: String { (try? String(contentsOfFile: bridgeLogPath, encoding: .utf8)) ?? "" }
}
