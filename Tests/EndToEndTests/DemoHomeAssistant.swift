import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime

/// The demo Home Assistant's address and token, a direct REST read for checks, and the
/// function under lambda-local pointed at it.
enum DemoHomeAssistant {
  static let url = ProcessInfo.processInfo.environment["LEE_DEMO_HA_URL"]
  static let token = ProcessInfo.processInfo.environment["LEE_DEMO_HA_TOKEN"]

  /// Home Assistant's REST API as the owner.
  static func rest(_ method: String, _ path: String, _ body: JSON? = nil) throws -> HTTPResponse {
    try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(
        method: method, url: url! + path,
        headers: [("Authorization", "Bearer \(token!)"), ("Content-Type", "application/json")],
        body: body.map { JSONWriter().bytes($0) } ?? []), timeoutMilliseconds: 5000)
  }

  static func read(_ entityId: String) throws -> JSON {
    try JSONParser.parse(rest("GET", "/api/states/\(entityId)").body)
  }

  static func state(_ entityId: String) throws -> String? { try read(entityId)["state"]?.string }

  /// Every entity id the demo has.
  static func entityIds() throws -> [String] {
    let states = try JSONParser.parse(rest("GET", "/api/states").body)
    return (states.array ?? []).compactMap { $0["entity_id"]?.string }
  }

  /// Sets an entity's state and attributes through the REST API (as `customize:` would
  /// add attributes), returning what it was so the test can put it back.
  @discardableResult
  static func write(_ entityId: String, state: JSON) throws -> JSON {
    let before = try read(entityId)
    _ = try rest(
      "POST", "/api/states/\(entityId)",
      ["state": state["state"] ?? .null, "attributes": state["attributes"] ?? [:]])
    return before
  }

  /// `entityId`'s current state with `attributes` added.
  static func withAttributes(_ entityId: String, _ attributes: [(String, JSON)]) throws -> JSON {
    var state = try read(entityId).object ?? JSONObject()
    var merged = state["attributes"]?.object ?? JSONObject()
    for (key, value) in attributes { merged[key] = value }
    state["attributes"] = .object(merged)
    return .object(state)
  }

  static func attribute(_ entityId: String, _ name: String) throws -> JSON? {
    try read(entityId)["attributes"]?[name]
  }

  /// The real bootstrap under lambda-local, with the test process's environment plus these
  /// (through the home link when the run asks for it, see `DemoFunction`).
  static func lambda(_ environment: [String: String], linked: Bool = DemoFunction.throughHomeLink)
    throws -> DemoFunction
  {
    try DemoFunction(
      ProcessInfo.processInfo.environment.merging(environment) { $1 }, linked: linked)
  }

  static func proxy() throws -> DemoFunction {
    try lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      "ALEXA_MODE": "proxy",
    ])
  }

  /// The test process's environment with the demo's URL and token: what `native()` runs with.
  static var nativeEnvironment: [String: String] {
    ProcessInfo.processInfo.environment.merging([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
    ]) { $1 }
  }

  static func native() throws -> DemoFunction {
    try lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
    ])
  }

  static func reply(_ lambda: DemoFunction, _ event: [UInt8]) throws -> JSON {
    try JSONParser.parse(lambda.invoke(event).body)
  }
}
