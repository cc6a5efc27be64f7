import JSONCore

/// One Alexa control directive as data: the domains it applies to and how its payload
/// becomes a Home Assistant service call.
struct ControlDirective: Sendable {
  struct ServiceCall: Sendable {
    let domain: String
    let service: String
    var data: JSONObject = JSONObject()
    /// How many times to call it: step-wise controls (volume steps, channel skips).
    var repeats = 1
  }

  let namespace: String
  let name: String
  let domains: Set<String>
  /// Whether planning needs the entity's current state (e.g. "warmer" needs the current
  /// colour temperature); most directives need only the payload.
  var needsState = false
  /// Domains for which planning needs the state although the directive in general does not
  /// (a vacuum's or a cover's power services depend on its features).
  var statefulDomains: Set<String> = []
  /// The reply's namespace and name, when not Alexa.Response.
  var response = (namespace: "Alexa", name: "Response")
  /// What Home Assistant refusing the call (HTTP 400 or 500) means, when it means more than
  /// a failure of Home Assistant (a wrong alarm code).
  var refusal: AlexaFailure? = nil
  let plan: @Sendable (_ payload: JSON, _ domain: String, _ current: Entity?) throws -> ServiceCall

  static func number(_ payload: JSON, _ name: String, in range: ClosedRange<Double>) throws
    -> Double
  {
    guard let value = payload[name]?.number else {
      throw AlexaFailure(type: .invalidValue, message: "\(name) is missing or not a number")
    }
    guard range.contains(value) else { throw AlexaFailure.outOfRange(name, value, range) }
    return value
  }

  func needsState(for domain: String) -> Bool {
    needsState || statefulDomains.contains(domain)
  }

  static let all: [ControlDirective] =
    [
      ControlDirective(
        namespace: "Alexa.PowerController", name: "TurnOn", domains: Power.domains,
        statefulDomains: Power.featureDependent,
        plan: { _, domain, entity in Power.call(on: true, domain: domain, entity: entity) }),
      ControlDirective(
        namespace: "Alexa.PowerController", name: "TurnOff", domains: Power.domains,
        statefulDomains: Power.featureDependent,
        plan: { _, domain, entity in Power.call(on: false, domain: domain, entity: entity) }),
      ControlDirective(
        namespace: "Alexa.BrightnessController", name: "SetBrightness", domains: ["light"]
      ) { payload, _, _ in
        ServiceCall(
          domain: "light", service: "turn_on",
          data: JSONObject([
            ("brightness_pct", .number(try number(payload, "brightness", in: 0...100)))
          ]))
      },
      ControlDirective(
        namespace: "Alexa.BrightnessController", name: "AdjustBrightness", domains: ["light"]
      ) { payload, _, _ in
        ServiceCall(
          domain: "light", service: "turn_on",
          data: JSONObject([
            ("brightness_step_pct", .number(try number(payload, "brightnessDelta", in: -100...100)))
          ]))
      },
      ControlDirective(namespace: "Alexa.ColorController", name: "SetColor", domains: ["light"]) {
        payload, _, _ in
        let color = payload["color"] ?? [:]
        let hue = try number(color, "hue", in: 0...360)
        let saturation = try number(color, "saturation", in: 0...1)
        return ServiceCall(
          domain: "light", service: "turn_on",
          data: JSONObject([("hs_color", [.number(hue), .number(saturation * 100)])]))
      },
      ControlDirective(
        namespace: "Alexa.ColorTemperatureController", name: "SetColorTemperature",
        domains: ["light"]
      ) { payload, _, _ in
        let kelvin = try number(payload, "colorTemperatureInKelvin", in: 1000...12000)
        return ServiceCall(
          domain: "light", service: "turn_on",
          data: JSONObject([("color_temp_kelvin", .number(kelvin))]))
      },
      ControlDirective(
        namespace: "Alexa.ColorTemperatureController", name: "IncreaseColorTemperature",
        domains: ["light"], needsState: true,
        plan: { _, _, entity in try stepColorTemperature(entity, by: 500) }),
      ControlDirective(
        namespace: "Alexa.ColorTemperatureController", name: "DecreaseColorTemperature",
        domains: ["light"], needsState: true,
        plan: { _, _, entity in try stepColorTemperature(entity, by: -500) }),
      ControlDirective(
        namespace: "Alexa.PercentageController", name: "SetPercentage", domains: ["fan"]
      ) { payload, _, _ in
        ServiceCall(
          domain: "fan", service: "set_percentage",
          data: JSONObject([("percentage", .number(try number(payload, "percentage", in: 0...100)))]
          ))
      },
      ControlDirective(
        namespace: "Alexa.PercentageController", name: "AdjustPercentage", domains: ["fan"]
      ) { payload, _, _ in
        let delta = try number(payload, "percentageDelta", in: -100...100)
        return ServiceCall(
          domain: "fan", service: delta >= 0 ? "increase_speed" : "decrease_speed",
          data: JSONObject([("percentage_step", .number(abs(delta)))]))
      },
      ControlDirective(
        namespace: "Alexa.ThermostatController", name: "SetTargetTemperature",
        domains: Thermostat.domains,
        needsState: true,
        plan: { payload, _, entity in try Thermostat.setTarget(payload, try required(entity)) }),
      ControlDirective(
        namespace: "Alexa.ThermostatController", name: "AdjustTargetTemperature",
        domains: Thermostat.domains,
        needsState: true,
        plan: { payload, _, entity in try Thermostat.adjustTarget(payload, try required(entity)) }),
      ControlDirective(
        namespace: "Alexa.ThermostatController", name: "SetThermostatMode", domains: ["climate"],
        needsState: true,
        plan: { payload, _, entity in try Thermostat.setMode(payload, try required(entity)) }),
    ] + MediaPlayer.directives + TimeHold.directives + [SecurityPanel.arm, SecurityPanel.disarm]
    + [
      ControlDirective(namespace: "Alexa.LockController", name: "Lock", domains: ["lock"]) {
        _, _, _ in
        ServiceCall(domain: "lock", service: "lock")
      },
      ControlDirective(namespace: "Alexa.LockController", name: "Unlock", domains: ["lock"]) {
        _, _, _ in
        ServiceCall(domain: "lock", service: "unlock")
      },
      ControlDirective(
        namespace: "Alexa.SceneController", name: "Activate",
        domains: ["scene", "script", "button", "input_button"]
      ) { _, domain, _ in
        ServiceCall(domain: domain, service: domain.hasSuffix("button") ? "press" : "turn_on")
      },
      ControlDirective(namespace: "Alexa.SceneController", name: "Deactivate", domains: ["script"])
      {
        _, _, _ in
        ServiceCall(domain: "script", service: "turn_off")
      },
    ]

  /// The current state a `needsState` directive was planned with.
  static func required(_ entity: Entity?) throws -> Entity {
    guard let entity else {
      throw AlexaFailure(type: .internalError, message: "no current state to plan with")
    }
    return entity
  }

  /// Warmer or cooler by `delta` kelvin, within the light's own range.
  static func stepColorTemperature(_ entity: Entity?, by delta: Double) throws -> ServiceCall {
    guard let entity, let current = entity.attribute("color_temp_kelvin")?.number else {
      throw AlexaFailure(
        type: .invalidValue, message: "the light reports no colour temperature (is it on?)")
    }
    let lowest = entity.attribute("min_color_temp_kelvin")?.number ?? 2000
    let highest = entity.attribute("max_color_temp_kelvin")?.number ?? 6500
    let target = min(highest, max(lowest, current + delta))
    return ServiceCall(
      domain: "light", service: "turn_on",
      data: JSONObject([("color_temp_kelvin", .number(target))]))
  }
}
