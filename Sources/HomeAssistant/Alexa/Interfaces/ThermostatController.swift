import JSONCore

/// `Alexa.ThermostatController`: Home Assistant climate entities and water heaters —
/// modes, setpoints (one, or a range), and scales converted to Home Assistant's unit.
struct ThermostatController: AlexaInterface {
  let namespace = "Alexa.ThermostatController"

  func discovery(for entity: Entity) -> JSON {
    var supported: [String] = []
    if entity.supportedFeatures & ClimateFeature.targetTemperature != 0 {
      supported.append("targetSetpoint")
    }
    // A water heater has setpoints only (a range when it reports one); its operation
    // modes are a ModeController.
    guard entity.domain == "climate" else {
      if Self.reportsRange(entity) { supported += ["lowerSetpoint", "upperSetpoint"] }
      return entry(supported: supported, [("configuration", ["supportsScheduling": false])])
    }
    if entity.supportedFeatures & ClimateFeature.targetTemperatureRange != 0 {
      supported += ["lowerSetpoint", "upperSetpoint"]
    }
    supported.append("thermostatMode")
    return entry(
      supported: supported,
      [
        (
          "configuration",
          [
            "supportedModes": .array(Self.supportedModes(entity).map(JSON.string)),
            "supportsScheduling": false,
          ]
        )
      ])
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    var found: [JSON] = []
    let setpoints = [
      ("targetSetpoint", "temperature"), ("lowerSetpoint", "target_temp_low"),
      ("upperSetpoint", "target_temp_high"),
    ]
    for (name, attribute) in setpoints {
      if let value = entity.attribute(attribute)?.number {
        found.append(property(name, Self.temperature(value, entity.temperatureScale), at: time))
      }
    }
    if entity.domain == "climate", let mode = Self.currentMode(entity) {
      found.append(property("thermostatMode", .string(mode), at: time))
    }
    return found
  }

  var directives: [ControlDirective] {
    [
      directive("SetTargetTemperature", domains: Self.domains, .state(Self.setTarget)),
      directive("AdjustTargetTemperature", domains: Self.domains, .state(Self.adjustTarget)),
      directive("SetThermostatMode", domains: ["climate"], .state(Self.setMode)),
    ]
  }

  /// HVAC mode → Alexa thermostat mode. `dry` and `fan_only` are CUSTOM (below).
  static let alexaMode: [String: String] = [
    "heat": "HEAT", "cool": "COOL", "heat_cool": "AUTO", "auto": "AUTO", "off": "OFF",
  ]
  /// Climate entities and water heaters both have setpoints.
  static let domains: Set<String> = ["climate", "water_heater"]
  /// Alexa's CUSTOM mode names → the HVAC modes without a mode of their own. Amazon's
  /// schema does not let a reply or discovery name CUSTOM, so they are accepted, not offered.
  static let customModes: [String: String] = ["DEHUMIDIFY": "dry", "FAN": "fan_only"]
  /// The Alexa modes this entity supports, in a stable order.
  static func supportedModes(_ entity: Entity) -> [String] {
    let hvac = entity.attribute("hvac_modes")?.array?.compactMap(\.string) ?? []
    var modes: [String] = []
    for mode in hvac.compactMap({ alexaMode[$0] }) where !modes.contains(mode) {
      modes.append(mode)
    }
    if hasEco(entity) { modes.append("ECO") }
    return modes
  }

  /// Whether the entity reports a setpoint range (water heaters have no feature bit for it).
  static func reportsRange(_ entity: Entity) -> Bool {
    entity.attribute("target_temp_low")?.number != nil
      && entity.attribute("target_temp_high")?.number != nil
  }

  /// A water heater Alexa can set: a target, or a range.
  static func waterHeaterHasSetpoint(_ entity: Entity) -> Bool {
    entity.supportedFeatures & ClimateFeature.targetTemperature != 0 || reportsRange(entity)
  }

  static func hasEco(_ entity: Entity) -> Bool {
    entity.attribute("preset_modes")?.array?.contains("eco") == true
  }

  /// The Home Assistant service call for an Alexa mode, or nil when unsupported.
  static func modeCall(_ alexa: String, _ entity: Entity) -> (
    service: String, data: (String, JSON)
  )? {
    if alexa == "ECO" { return hasEco(entity) ? ("set_preset_mode", ("preset_mode", "eco")) : nil }
    let hvac = entity.attribute("hvac_modes")?.array?.compactMap(\.string) ?? []
    // AUTO prefers heat_cool (a range) over auto (the device decides), as Alexa means it.
    let candidates = hvac.filter { alexaMode[$0] == alexa }.sorted {
      $0 == "heat_cool" && $1 != "heat_cool"
    }
    return candidates.first.map { ("set_hvac_mode", ("hvac_mode", .string($0))) }
  }

  static func currentMode(_ entity: Entity) -> String? {
    if entity.attribute("preset_mode")?.string == "eco" { return "ECO" }
    return alexaMode[entity.state]
  }

  /// A temperature Alexa sent (`{value, scale}`) in Home Assistant's unit; a scale Alexa
  /// does not define is taken as Home Assistant's own.
  static func homeValue(_ temperature: JSON?, homeScale: TemperatureScale) -> Double? {
    guard let value = temperature?["value"]?.number else { return nil }
    let scale = temperature?["scale"]?.string.flatMap(TemperatureScale.init) ?? homeScale
    return convert(value, from: scale, to: homeScale)
  }

  static func convert(_ value: Double, from: TemperatureScale, to: TemperatureScale) -> Double {
    switch (from, to) {
    case (.fahrenheit, .celsius): (value - 32) * 5 / 9
    case (.celsius, .fahrenheit): value * 9 / 5 + 32
    case (.kelvin, .celsius): value - 273.15
    case (.kelvin, .fahrenheit): (value - 273.15) * 9 / 5 + 32
    default: value
    }
  }

  /// A difference of `delta` degrees in `from`, expressed in `to` (no offset).
  static func convertDelta(_ delta: Double, from: TemperatureScale, to: TemperatureScale) -> Double
  {
    switch (from, to) {
    case (.fahrenheit, .celsius): delta * 5 / 9
    case (.celsius, .fahrenheit): delta * 9 / 5
    default: delta
    }
  }

  static func temperature(_ value: Double, _ scale: TemperatureScale) -> JSON {
    ["value": .number((value * 10).rounded() / 10), "scale": .string(scale.rawValue)]
  }
}

extension ThermostatController {
  /// `SetTargetTemperature`: one setpoint, or a lower/upper pair, within the entity's range.
  static func setTarget(_ payload: JSON, _ entity: Entity) throws -> ControlDirective.ServiceCall {
    let scale = entity.temperatureScale
    var data = JSONObject()
    if let target = homeValue(payload["targetSetpoint"], homeScale: scale) {
      data["temperature"] = .number(try checked(target, entity))
    } else if payload["lowerSetpoint"] != nil || payload["upperSetpoint"] != nil {
      let lower =
        homeValue(payload["lowerSetpoint"], homeScale: scale)
        ?? entity.attribute("target_temp_low")?.number
      let upper =
        homeValue(payload["upperSetpoint"], homeScale: scale)
        ?? entity.attribute("target_temp_high")?.number
      guard let lower, let upper, lower <= upper else {
        throw AlexaFailure(
          type: .invalidValue, message: "the lower setpoint must not be above the upper one")
      }
      data["target_temp_low"] = .number(try checked(lower, entity))
      data["target_temp_high"] = .number(try checked(upper, entity))
    } else {
      throw AlexaFailure(
        type: .invalidValue, message: "no targetSetpoint, lowerSetpoint or upperSetpoint")
    }
    return ControlDirective.ServiceCall(
      domain: entity.domain, service: "set_temperature", data: data)
  }

  /// `AdjustTargetTemperature`: moves the setpoint (or both ends of the range) by the delta.
  static func adjustTarget(_ payload: JSON, _ entity: Entity) throws -> ControlDirective.ServiceCall
  {
    guard let delta = payload["targetSetpointDelta"]?["value"]?.number else {
      throw AlexaFailure(type: .invalidValue, message: "targetSetpointDelta is missing")
    }
    let scale = entity.temperatureScale
    let step = convertDelta(
      delta,
      from: payload["targetSetpointDelta"]?["scale"]?.string.flatMap(TemperatureScale.init)
        ?? scale,
      to: scale)
    var data = JSONObject()
    if let current = entity.attribute("temperature")?.number {
      data["temperature"] = .number(try checked(current + step, entity))
    } else if let lower = entity.attribute("target_temp_low")?.number,
      let upper = entity.attribute("target_temp_high")?.number
    {
      data["target_temp_low"] = .number(try checked(lower + step, entity))
      data["target_temp_high"] = .number(try checked(upper + step, entity))
    } else {
      throw AlexaFailure(
        type: .invalidValue, message: "\(entity.friendlyName) reports no setpoint to adjust")
    }
    return ControlDirective.ServiceCall(
      domain: entity.domain, service: "set_temperature", data: data)
  }

  /// `SetThermostatMode`: an HVAC mode, the eco preset, or a CUSTOM mode by its name.
  static func setMode(_ payload: JSON, _ entity: Entity) throws -> ControlDirective.ServiceCall {
    let mode = payload["thermostatMode"]
    let requested = mode?["value"]?.string ?? mode?.string ?? ""
    if requested == "CUSTOM" {
      let name = mode?["customName"]?.string ?? ""
      let hvac = entity.attribute("hvac_modes")?.array?.compactMap(\.string) ?? []
      guard let custom = customModes[name], hvac.contains(custom) else {
        throw AlexaFailure(
          type: .unsupportedThermostatMode,
          message: "\(entity.friendlyName) has no custom mode '\(name)'")
      }
      return ControlDirective.ServiceCall(
        domain: "climate", service: "set_hvac_mode",
        data: JSONObject([("hvac_mode", .string(custom))]))
    }
    guard let call = modeCall(requested, entity) else {
      throw AlexaFailure(
        type: .unsupportedThermostatMode,
        message: "\(entity.friendlyName) does not support \(requested) mode")
    }
    return ControlDirective.ServiceCall(
      domain: "climate", service: call.service, data: JSONObject([call.data]))
  }

  /// `value` (in Home Assistant's unit) if within min_temp…max_temp, rounded to 0.1.
  static func checked(_ value: Double, _ entity: Entity) throws -> Double {
    let lowest = entity.attribute("min_temp")?.number ?? -100
    let highest = entity.attribute("max_temp")?.number ?? 100
    guard value >= lowest - 0.05, value <= highest + 0.05 else {
      let scale = entity.temperatureScale
      throw AlexaFailure(
        type: .temperatureValueOutOfRange,
        message:
          "\((value * 10).rounded() / 10) is outside \(lowest)…\(highest) \(scale.rawValue.lowercased())",
        extraPayload: [
          (
            "validRange",
            [
              "minimumValue": temperature(lowest, scale),
              "maximumValue": temperature(highest, scale),
            ]
          )
        ])
    }
    return (value * 10).rounded() / 10
  }
}

extension Capability {
  static let thermostat = Capability(ThermostatController())
}
