import JSONCore
import LambdaRuntime

/// "Alexa, set the heating to 22" with the thermostat off: Alexa sends TurnOn before the
/// setpoint, and `climate.turn_on` picks a mode of its own (heat_cool, Home Assistant's
/// issues 181904 and 182891). A climate's state is its HVAC mode, so Home Assistant's own
/// history says which mode it had before it was turned off: TurnOn restores that one,
/// and falls back to `turn_on` (or, without that feature, the first usual mode it has)
/// only when the history knows nothing.
enum ClimateResume {
  /// How far back the history is asked (Home Assistant keeps 10 days by default).
  static let windowMilliseconds: Int64 = 7 * 86_400_000
  /// The history call may take this long; the rest of the budget is the call's.
  static let capMilliseconds = 1500
  static let usualModes = ["heat_cool", "heat", "cool", "auto", "dry", "fan_only"]

  /// TurnOn for `entity` (a climate): the last mode it had when it is off, else `turn_on`.
  static func turnOn(_ entity: Entity?) -> ControlDirective.ServiceCall {
    let features = entity?.supportedFeatures ?? ClimateFeature.turnOn
    let modes = entity?.attribute("hvac_modes")?.array?.compactMap(\.string) ?? []
    var call =
      features & ClimateFeature.turnOn != 0 || modes.isEmpty
      ? ControlDirective.ServiceCall(domain: "climate", service: "turn_on")
      : setMode(usualModes.first(where: modes.contains) ?? modes.first { $0 != "off" } ?? "heat")
    if let entity, entity.state == "off", modes.count > 1 {
      call.refinement = { client, entityId in
        lastMode(of: entityId, among: modes, client).map(setMode)
      }
    }
    return call
  }

  /// TurnOff: `turn_off`, or the `off` mode for a climate without that feature.
  static func turnOff(_ entity: Entity?) -> ControlDirective.ServiceCall {
    let features = entity?.supportedFeatures ?? ClimateFeature.turnOff
    let modes = entity?.attribute("hvac_modes")?.array?.compactMap(\.string) ?? []
    return features & ClimateFeature.turnOff == 0 && modes.contains("off")
      ? setMode("off") : ControlDirective.ServiceCall(domain: "climate", service: "turn_off")
  }

  static func setMode(_ mode: String) -> ControlDirective.ServiceCall {
    ControlDirective.ServiceCall(
      domain: "climate", service: "set_hvac_mode", data: JSONObject([("hvac_mode", .string(mode))]))
  }

  /// The last of `modes` (not off) the entity's history shows; nil when it shows none or
  /// cannot be read in time.
  static func lastMode(of entityId: String, among modes: [String], _ client: HomeAssistantClient)
    -> String?
  {
    let since = Clock.wallMilliseconds() - windowMilliseconds
    guard
      let history = try? client.history(of: entityId, since: since, cap: capMilliseconds)
    else { return nil }
    return history.lazy.reversed().compactMap { $0["state"]?.string }
      .first { $0 != "off" && modes.contains($0) }
  }
}
