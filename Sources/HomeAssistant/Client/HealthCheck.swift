import Engine
import JSONCore
import LambdaRuntime

/// The `health` event's Home Assistant check: reachable, its version, the check's latency.
enum HomeAssistantHealth {
  static func check(_ gateway: Gateway, _ invocation: Invocation) -> (ok: Bool, details: JSON) {
    let services = gateway.services
    guard let url = services.config.homeAssistantURL else {
      return (false, ["reachable": false, "error": "HOME_ASSISTANT_URL is not set"])
    }
    let started = Clock.monotonicNanoseconds()
    func milliseconds() -> JSON {
      .number((Double(Clock.monotonicNanoseconds() - started) / 1e4).rounded() / 100)
    }
    do {
      let client = try HomeAssistantClient.asOwner(services: services, invocation: invocation)
      let config = try client.config()
      return (
        true,
        [
          "url": .string(url), "reachable": true, "version": config["version"] ?? .null,
          "state": config["state"] ?? .null, "latencyMs": milliseconds(),
        ]
      )
    } catch HomeAssistantError.noToken {
      return (
        false,
        [
          "url": .string(url), "reachable": false,
          "error": .string(HomeAssistantError.noToken.description),
        ]
      )
    } catch {
      return (
        false,
        [
          "url": .string(url), "reachable": false, "error": .string("\(error)"),
          "latencyMs": milliseconds(),
        ]
      )
    }
  }
}
