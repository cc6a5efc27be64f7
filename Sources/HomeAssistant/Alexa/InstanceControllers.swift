import JSONCore

/// Every RangeController, ModeController and ToggleController instance this skill offers,
/// as data, and the directives that reach them by the instance named in their header.
enum InstanceControllers {
  static let coverPosition = InstanceController(
    kind: .range, domain: "cover", instance: "cover.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .attribute("current_position"),
    write: .field(service: "set_cover_position", name: "position"), opens: true)
  static let coverTilt = InstanceController(
    kind: .range, domain: "cover", instance: "cover.tilt", label: "Tilt",
    source: .attribute("current_tilt_position"),
    write: .field(service: "set_cover_tilt_position", name: "tilt_position"), opens: true)
  static let coverOpenClosed = InstanceController(
    kind: .mode, domain: "cover", instance: "cover.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .state,
    write: .servicePerValue(["open": "open_cover", "closed": "close_cover"]),
    options: .fixed(["open", "closed"]), aliases: ["opening": "open", "closing": "closed"],
    opens: true)
  static let valvePosition = InstanceController(
    kind: .range, domain: "valve", instance: "valve.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .attribute("current_position"),
    write: .field(service: "set_valve_position", name: "position"), opens: true)
  static let valveOpenClosed = InstanceController(
    kind: .mode, domain: "valve", instance: "valve.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .state,
    write: .servicePerValue(["open": "open_valve", "closed": "close_valve"]),
    options: .fixed(["open", "closed"]), aliases: ["opening": "open", "closing": "closed"],
    opens: true)
  static let fanOscillation = InstanceController(
    kind: .toggle, domain: "fan", instance: "fan.oscillating", label: "Oscillate",
    asset: "Alexa.Setting.Oscillate", source: .attribute("oscillating"),
    write: .field(service: "oscillate", name: "oscillating"))
  static let fanPreset = InstanceController(
    kind: .mode, domain: "fan", instance: "fan.preset_mode", label: "Preset",
    asset: "Alexa.Setting.Preset", source: .attribute("preset_mode"),
    write: .field(service: "set_preset_mode", name: "preset_mode"),
    options: .attribute("preset_modes"))
  static let fanDirection = InstanceController(
    kind: .mode, domain: "fan", instance: "fan.direction", label: "Direction",
    asset: "Alexa.Setting.Direction", source: .attribute("direction"),
    write: .field(service: "set_direction", name: "direction"),
    options: .fixed(["forward", "reverse"]))
  static let humidifierTarget = InstanceController(
    kind: .range, domain: "humidifier", instance: "humidifier.humidity", label: "Humidity",
    source: .attribute("humidity"), write: .field(service: "set_humidity", name: "humidity"),
    bounds: .attributes(
      minimum: "min_humidity", maximum: "max_humidity", step: "target_humidity_step"))
  static let humidifierMode = InstanceController(
    kind: .mode, domain: "humidifier", instance: "humidifier.mode", label: "Mode",
    asset: "Alexa.Setting.Mode", source: .attribute("mode"),
    write: .field(service: "set_mode", name: "mode"), options: .attribute("available_modes"))
  static let waterHeaterMode = InstanceController(
    kind: .mode, domain: "water_heater", instance: "water_heater.operation_mode",
    label: "Operation mode", asset: "Alexa.Setting.Mode", source: .attribute("operation_mode"),
    write: .field(service: "set_operation_mode", name: "operation_mode"),
    options: .attribute("operation_list"))
  static let vacuumFanSpeed = InstanceController(
    kind: .mode, domain: "vacuum", instance: "vacuum.fan_speed", label: "Fan speed",
    asset: "Alexa.Setting.FanSpeed", source: .attribute("fan_speed"),
    write: .field(service: "set_fan_speed", name: "fan_speed"),
    options: .attribute("fan_speed_list"), ordered: true)

  static func value(_ domain: String) -> InstanceController {
    InstanceController(
      kind: .range, domain: domain, instance: "\(domain).value", label: "Value",
      asset: "Alexa.Setting.Preset", source: .state,
      write: .field(service: "set_value", name: "value"),
      bounds: .attributes(minimum: "min", maximum: "max", step: "step"))
  }

  static func option(_ domain: String) -> InstanceController {
    InstanceController(
      kind: .mode, domain: domain, instance: "\(domain).option", label: "Option",
      asset: "Alexa.Setting.Preset", source: .state,
      write: .field(service: "select_option", name: "option"), options: .attribute("options"))
  }

  static let all: [InstanceController] = [
    coverPosition, coverTilt, coverOpenClosed, valvePosition, valveOpenClosed, fanOscillation,
    fanPreset, fanDirection, humidifierTarget, humidifierMode, waterHeaterMode, vacuumFanSpeed,
    value("input_number"), value("number"), option("input_select"), option("select"),
  ]

  /// The directive names each kind answers.
  static let directiveNames: [(InstanceController.Kind, String)] = [
    (.range, "SetRangeValue"), (.range, "AdjustRangeValue"), (.mode, "SetMode"),
    (.mode, "AdjustMode"), (.toggle, "TurnOn"), (.toggle, "TurnOff"),
  ]

  /// `name` for the instance the directive's header names.
  static func directive(_ kind: InstanceController.Kind, _ name: String, instance: String) throws
    -> ControlDirective
  {
    guard let controller = all.first(where: { $0.kind == kind && $0.instance == instance }) else {
      throw AlexaFailure(
        type: .invalidDirective, message: "unknown \(kind.rawValue) instance '\(instance)'")
    }
    return controller.directive(name)
  }
}

extension InstanceController {
  /// A control directive of this instance; state is read first only when the plan needs
  /// the entity's own options, bounds or current value.
  func directive(_ name: String) -> ControlDirective {
    let adjusts = name.hasPrefix("Adjust")
    return ControlDirective(
      namespace: kind.rawValue, name: name, domains: [domain],
      needsState: adjusts || dependsOnEntity
    ) { payload, _, entity in
      switch (kind, name) {
      case (.range, "SetRangeValue"):
        let range = entity.flatMap(range(of:)) ?? (0, 100, 1)
        let value = try ControlDirective.number(
          payload, "rangeValue", in: range.minimum...range.maximum)
        return try call(setting: .number(Self.snapped(value, range.precision)))
      case (.range, "AdjustRangeValue"):
        let entity = try ControlDirective.required(entity)
        guard let range = range(of: entity) else {
          throw AlexaFailure(type: .invalidValue, message: "\(instance) has no range")
        }
        let delta = try ControlDirective.number(payload, "rangeValueDelta", in: -1e9...1e9)
        let current = reportedValue(of: entity)?.number ?? range.minimum
        let target = min(range.maximum, max(range.minimum, current + delta))
        return try call(setting: .number(Self.snapped(target, range.precision)))
      case (.mode, "SetMode"):
        let requested = payload["mode"]?.string ?? ""
        guard let option = option(forMode: requested, of: entity) else {
          throw AlexaFailure(type: .invalidValue, message: "\(instance) has no mode '\(requested)'")
        }
        return try call(setting: .string(option))
      case (.mode, "AdjustMode"):
        let entity = try ControlDirective.required(entity)
        let choices = options(of: entity)
        let delta = Int(try ControlDirective.number(payload, "modeDelta", in: -100...100))
        let now = reportedValue(of: entity)?.string.flatMap { option(forMode: $0, of: entity) }
        let index = now.flatMap { choices.firstIndex(of: $0) } ?? 0
        // The entity's own option list may be missing or empty: nothing to move along.
        guard let last = choices.indices.last else {
          throw AlexaFailure(type: .invalidValue, message: "\(instance) offers no modes")
        }
        return try call(setting: .string(choices[min(last, max(0, index + delta))]))
      case (.toggle, "TurnOn"), (.toggle, "TurnOff"):
        return try call(setting: .bool(name == "TurnOn"))
      default:
        throw AlexaFailure(
          type: .invalidDirective, message: "\(kind.rawValue).\(name) is not supported")
      }
    }
  }

  /// `value` on the range's grid: whole numbers for whole steps, else as sent.
  static func snapped(_ value: Double, _ precision: Double) -> Double {
    precision >= 1 ? value.rounded() : value
  }
}
