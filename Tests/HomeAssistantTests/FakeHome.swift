import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// Answers service calls with `changed` (the states Home Assistant returns), state reads
/// from `states`, and conversations with `conversation` after `conversationDelay`
/// seconds; 404 for anything it does not know.
final class FakeHome: @unchecked Sendable {
  let lock = NSLock()
  var states: [String: JSON] = [:]
  var changed: [JSON] = []
  var status = 200
  /// The status of service calls alone (Home Assistant refusing a call: a wrong code),
  /// with this body.
  var serviceStatus = 200
  var serviceBody = "Refused"
  /// What `GET /api/states` lists.
  var allStates: [JSON] = []
  /// What `/api/template` renders (nil: 404, as for an unknown path).
  var template: String?
  /// States that state reads return one after another, before `states` (a lock settling).
  var stateSequence: [String: [JSON]] = [:]
  /// What `/api/history/period` answers per entity (minimal states, oldest first), and
  /// the paths it was asked.
  var history: [String: [JSON]] = [:]
  private(set) var historyRequests: [String] = []
  var temperatureUnit = "°C"
  var conversation: JSON = [:]
  var conversationDelay: Double = 0
  private(set) var upstream: FakeUpstream!

  /// A home that lists `states` and answers a read of each.
  convenience init(serving states: [JSON]) throws {
    try self.init()
    allStates = states
    for state in states { self.states[state["entity_id"]?.string ?? ""] = state }
  }

  init() throws {
    // Weak: a slow answer may still be sleeping when a test has finished with its home.
    upstream = try FakeUpstream { [weak self] request in
      guard let self else { return nil }
      let delay = lock.withLock { conversationDelay }
      if request.requestLine?.target == "/api/conversation/process", delay > 0 {
        Thread.sleep(forTimeInterval: delay)
      }
      return lock.withLock { [self] in
        let target = request.requestLine?.target ?? ""
        if status != 200 { return .response(status, "Refused") }
        if target == "/api/config" {
          return .response(
            200, "OK",
            body: JSONWriter().bytes(["unit_system": ["temperature": .string(temperatureUnit)]]))
        }
        if target == "/api/states" {
          return .response(200, "OK", body: JSONWriter().bytes(.array(allStates)))
        }
        if target == "/api/template", let template {
          return .response(200, "OK", body: Array(template.utf8))
        }
        if target == "/api/conversation/process" {
          return .response(200, "OK", body: JSONWriter().bytes(conversation))
        }
        if target.hasPrefix("/api/history/period/") {
          historyRequests.append(target)
          let entityId =
            target.components(separatedBy: "filter_entity_id=").last?
            .components(separatedBy: "&").first ?? ""
          let states = history[entityId].map { [JSON.array($0)] } ?? []
          return .response(200, "OK", body: JSONWriter().bytes(.array(states)))
        }
        if target.hasPrefix("/api/services/") {
          guard serviceStatus == 200 else {
            return .response(serviceStatus, "Refused", body: Array(serviceBody.utf8))
          }
          return .response(200, "OK", body: JSONWriter().bytes(.array(changed)))
        }
        let entityId = String(target.dropFirst("/api/states/".count))
        if target.hasPrefix("/api/states/"), let next = stateSequence[entityId]?.first {
          stateSequence[entityId]?.removeFirst()
          return .response(200, "OK", body: JSONWriter().bytes(next))
        }
        if target.hasPrefix("/api/states/"), let state = states[entityId] {
          return .response(200, "OK", body: JSONWriter().bytes(state))
        }
        return .response(404, "Not Found", body: Array(#"{"message":"Entity not found."}"#.utf8))
      }
    }
  }

  var serviceCalls: [(String, JSON)] {
    upstream.requests.filter { $0.requestLine?.method == "POST" }.map {
      ($0.requestLine!.target, (try? JSONParser.parse($0.body)) ?? .null)
    }
  }
}
