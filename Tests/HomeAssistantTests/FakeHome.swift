import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// Answers service calls with `changed` (the states Home Assistant returns) and state
/// reads from `states`; 404 for anything it does not know.
final class FakeHome: @unchecked Sendable {
  let lock = NSLock()
  var states: [String: JSON] = [:]
  var changed: [JSON] = []
  var status = 200
  var temperatureUnit = "°C"
  private(set) var upstream: FakeUpstream!

  init() throws {
    upstream = try FakeUpstream { [unowned self] request in
      lock.withLock {
        let target = request.requestLine?.target ?? ""
        if status != 200 { return .response(status, "Refused") }
        if target == "/api/config" {
          return .response(
            200, "OK",
            body: JSONWriter().bytes(["unit_system": ["temperature": .string(temperatureUnit)]]))
        }
        if target.hasPrefix("/api/services/") {
          return .response(200, "OK", body: JSONWriter().bytes(.array(changed)))
        }
        if target.hasPrefix("/api/states/"),
          let state = states[String(target.dropFirst("/api/states/".count))]
        {
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
