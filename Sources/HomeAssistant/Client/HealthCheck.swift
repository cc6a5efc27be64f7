import Engine
import JSONCore
import LambdaRuntime

/// The `health` event's Home Assistant check (reachable, its version, the check's
/// latency), and what a scheduled warm-up does for Home Assistant.
enum HomeAssistantHealth {
  static func check(_ gateway: Gateway, _ invocation: Invocation, _ settings: HomeAssistantSettings)
    -> (ok: Bool, details: JSON)
  {
    let services = gateway.services
    guard let url = settings.url else {
      return (false, ["reachable": false, "error": "HOME_ASSISTANT_URL is not set"])
    }
    let started = Clock.monotonicNanoseconds()
    func milliseconds() -> JSON {
      .number((Double(Clock.monotonicNanoseconds() - started) / 1e4).rounded() / 100)
    }
    do {
      let client = try HomeAssistantClient.asOwner(
        settings: settings, services: services, invocation: invocation)
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

  /// Opens the connection to Home Assistant (authenticated with the owner's token, when
  /// there is one) so the next Alexa event finds it ready.
  static func warmUp(
    _ gateway: Gateway, _ invocation: Invocation, _ settings: HomeAssistantSettings
  )
    -> JSON
  {
    guard let url = settings.url else { return "not configured" }
    let call = HomeAssistantClient.upstream(settings, gateway.services, invocation)
    do {
      let token = try? settings.ownerToken(
        gateway.services, timeoutMilliseconds: call.timeoutMilliseconds)
      let authorization =
        token.flatMap { $0 }.map { [HomeAssistantSettings.authorization($0)] } ?? []
      let response = try call.send(
        HTTPRequest(url: url + "/api/", headers: authorization, tls: settings.tls))
      return [
        "status": JSON(response.status),
        "ms": .number((response.milliseconds * 100).rounded() / 100),
      ]
    } catch {
      return ["error": .string(error.description)]
    }
  }
}
