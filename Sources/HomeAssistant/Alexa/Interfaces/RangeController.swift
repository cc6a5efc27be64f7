import JSONCore

/// `Alexa.RangeController` instances ("set the blinds to 40 %", "raise the humidity"):
/// rows of data, each bound to a Home Assistant value (see `InstanceController`), and the
/// directives every range instance answers.
enum RangeController {
  static let coverPosition = InstanceController(
    kind: .range, domain: "cover", instance: "cover.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .attribute("current_position"),
    write: .field(service: "set_cover_position", name: "position"), opens: true)
  static let coverTilt = InstanceController(
    kind: .range, domain: "cover", instance: "cover.tilt", label: "Tilt",
    source: .attribute("current_tilt_position"),
    write: .field(service: "set_cover_tilt_position", name: "tilt_position"), opens: true)
  static let valvePosition = InstanceController(
    kind: .range, domain: "valve", instance: "valve.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .attribute("current_position"),
    write: .field(service: "set_valve_position", name: "position"), opens: true)
  static let humidifierTarget = InstanceController(
    kind: .range, domain: "humidifier", instance: "humidifier.humidity", label: "Humidity",
    source: .attribute("humidity"), write: .field(service: "set_humidity", name: "humidity"),
    bounds: .attributes(
      minimum: "min_humidity", maximum: "max_humidity", step: "target_humidity_step"))

  static func value(_ domain: String) -> InstanceController {
    InstanceController(
      kind: .range, domain: domain, instance: "\(domain).value", label: "Value",
      asset: "Alexa.Setting.Preset", source: .state,
      write: .field(service: "set_value", name: "value"),
      bounds: .attributes(minimum: "min", maximum: "max", step: "step"))
  }

  /// "Set the fan speed to 3", "increase the fan speed": a fan's percentage as numbered
  /// speeds, beside its PercentageController.
  static let fanSpeed = InstanceController(
    kind: .range, domain: "fan", instance: "fan.percentage", label: "Fan speed",
    asset: "Alexa.Setting.FanSpeed", source: .attribute("percentage"),
    write: .field(service: "set_percentage", name: "percentage"),
    bounds: .speeds(step: "percentage_step"))

  /// A fan with nothing but on and off: Alexa does not turn such a fan on or off with its
  /// PowerController alone, so it gets a 0–1 range too (Home Assistant's workaround, PR
  /// 56053): 0 turns it off, 1 on.
  static let fanOnOff = InstanceController(
    kind: .range, domain: "fan", instance: "fan.power", label: "Fan speed",
    asset: "Alexa.Setting.FanSpeed", source: .state,
    write: .servicePerValue(["0": "turn_off", "1": "turn_on"]), bounds: .onOff)

  /// Whether the fan has no control but on and off.
  static func fanHasOnlyOnOff(_ entity: Entity) -> Bool {
    entity.supportedFeatures
      & (FanFeature.setSpeed | FanFeature.oscillate | FanFeature.direction
        | FanFeature.presetMode) == 0
  }

  /// Every range row (the routes come from these).
  static let all = [
    coverPosition, coverTilt, valvePosition, humidifierTarget, fanSpeed, fanOnOff,
    value("input_number"), value("number"),
  ]

  static func directives(for controller: InstanceController) -> [ControlDirective] {
    let interface = InstanceInterface(controller)
    let set: @Sendable (JSON, Entity?) throws -> ControlDirective.ServiceCall = { payload, entity in
      let range = entity.flatMap(controller.range(of:)) ?? controller.fixedRange ?? (0, 100, 1)
      let value = try ControlDirective.number(
        payload, "rangeValue", in: range.minimum...range.maximum)
      return try controller.call(
        setting: .number(controller.homeValue(snapped(value, range.precision), of: entity)))
    }
    return [
      interface.directive(
        "SetRangeValue", domains: [controller.domain],
        controller.dependsOnEntity
          ? .state { payload, entity in try set(payload, entity) }
          : .payload { payload, _ in try set(payload, nil) }),
      interface.directive(
        "AdjustRangeValue", domains: [controller.domain],
        .state { payload, entity in
          guard let range = controller.range(of: entity) else {
            throw AlexaFailure(type: .invalidValue, message: "\(controller.instance) has no range")
          }
          let delta = try ControlDirective.number(payload, "rangeValueDelta", in: -1e9...1e9)
          let current = controller.reportedValue(of: entity)?.number ?? range.minimum
          let target = min(range.maximum, max(range.minimum, current + delta))
          return try controller.call(
            setting: .number(controller.homeValue(snapped(target, range.precision), of: entity)))
        }),
    ]
  }

  /// `value` on the range's grid: whole numbers for whole steps, else as sent.
  static func snapped(_ value: Double, _ precision: Double) -> Double {
    precision >= 1 ? value.rounded() : value
  }
}
