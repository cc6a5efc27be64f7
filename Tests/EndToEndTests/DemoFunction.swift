import Foundation
import JSONCore
import LambdaEmulator
import TestSupport

/// The function an end-to-end test talks to: the bootstrap under lambda-local, either
/// reaching Home Assistant itself or, through the home link (`linked`), reaching it only
/// through `lee-bridge`. Suites written against it run both ways (scripts/test.sh runs the
/// Smart Home and skill suites again with `LEE_THROUGH_HOME_LINK=1`).
final class DemoFunction {
  let lambda: LocalLambda
  /// The home's end, when linked; nil once stopped.
  private(set) var bridge: Process?
  let requestQueue: String?
  /// The owner check's Login with Amazon, when linked.
  private(set) var loginWithAmazon: FakeAlexaCloud?
  private let bridgeEnvironment: [String: String]
  let bridgeLogPath: String

  static var throughHomeLink: Bool {
    ProcessInfo.processInfo.environment["LEE_THROUGH_HOME_LINK"] == "1"
  }

  /// `environment` is everything the function would get when it reaches Home Assistant
  /// itself. `sharing`: another instance of the same linked function (its queue and bridge).
  init(
    _ environment: [String: String], linked: Bool = DemoFunction.throughHomeLink,
    sharing other: DemoFunction? = nil, over queues: HomeLinkRig.Queues = .shared
  ) throws {
    bridgeLogPath = NSTemporaryDirectory() + "lee-bridge-\(UUID().uuidString).log"
    guard linked else {
      lambda = try TestFunction.start(environment)
      requestQueue = nil
      bridgeEnvironment = [:]
      return
    }
    let queue = try other?.requestQueue ?? queues.requestQueue ?? HomeLinkRig.makeRequestQueue()
    requestQueue = queue
    bridgeEnvironment = TestFunction.localRun.merging(environment) { $1 }
      .merging(queues.aws(bridge: true)) { $1 }
    var functionEnvironment = environment.filter { !HomeLinkRig.homeOnly.contains($0.key) }
    functionEnvironment.merge(queues.aws(bridge: false)) { $1 }
    let amazon = try HomeLinkRig.loginWithAmazon()
    loginWithAmazon = amazon
    functionEnvironment.merge(HomeLinkRig.ownerCheck(amazon)) { $1 }
    functionEnvironment["LINK_QUEUE_URL"] = queue
    lambda = try TestFunction.start(functionEnvironment)
    if other == nil { try startBridge() }
  }

  /// Through the link, an event without a linked token gets the owner's, as Alexa sends it
  /// (a direct run serves token-less events as the owner's, `TestFunction.localRun`).
  func invoke(_ event: [UInt8]) -> InvocationResult {
    guard requestQueue != nil, var json = try? JSONParser.parse(event) else {
      return lambda.invoke(event)
    }
    let owner = JSON.string(HomeLinkRig.ownerToken)
    for path in [["directive", "endpoint", "scope"], ["directive", "payload", "scope"]]
    where Self.value(at: path + ["token"], in: json) == "" {
      json = Self.setting(path + ["token"], to: owner, in: json)
    }
    if json["request"] != nil, json["context"]?["System"]?["user"]?["accessToken"] == nil {
      json = Self.setting(["context", "System", "user", "accessToken"], to: owner, in: json)
    }
    return lambda.invoke(JSONWriter().bytes(json))
  }

  private static func value(at path: [String], in json: JSON) -> JSON? {
    path.reduce(Optional(json)) { $0?[$1] }
  }

  /// `json` with the object member at `path` set (objects made where missing).
  private static func setting(_ path: [String], to value: JSON, in json: JSON) -> JSON {
    guard let key = path.first else { return value }
    var object = json.object ?? JSONObject()
    object[key] = setting(Array(path.dropFirst()), to: value, in: object[key] ?? .null)
    return .object(object)
  }

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
    loginWithAmazon = nil
    try? FileManager.default.removeItem(atPath: bridgeLogPath)
  }

  var bridgeLog: String { (try? String(contentsOfFile: bridgeLogPath, encoding: .utf8)) ?? "" }
}
