import JSONCore

/// `Alexa.ModeController` instances ("set the fan to eco", "open the garage door" for
/// covers without a position): rows of data (see `InstanceController`), and the
/// directives every mode instance answers.
enum ModeController {
  static let coverOpenClosed = InstanceController(
    kind: .mode, domain: "cover", instance: "cover.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .state,
    write: .servicePerValue(["open": "open_cover", "closed": "close_cover"]),
    options: .fixed(["open", "closed"]), aliases: ["opening": "open", "closing": "closed"],
    opens: true)
  static let valveOpenClosed = InstanceController(
    kind: .mode, domain: "valve", instance: "valve.position", label: "Position",
    asset: "Alexa.Setting.Opening", source: .state,
    write: .servicePerValue(["open": "open_valve", "closed": "close_valve"]),
    options: .fixed(["open", "closed"]), aliases: ["opening": "open", "closing": "closed"],
    opens: true)
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

  /// "Alexa, set the TV remote to Watch Netflix": a remote's activities (Harmony and
  /// others), started with `remote.turn_on`.
  static let remoteActivity = InstanceController(
    kind: .mode, domain: "remote", instance: "remote.activity", label: "Activity",
    asset: "Alexa.Setting.Mode", source: .attribute("current_activity"),
    write: .field(service: "turn_on", name: "activity"), options: .attribute("activity_list"))

  static func option(_ domain: String) -> InstanceController {
    InstanceController(
      kind: .mode, domain: domain, instance: "\(domain).option", label: "Option",
      asset: "Alexa.Setting.Preset", source: .state,
      write: .field(service: "select_option", name: "option"), options: .attribute("options"))
  }

  /// Every mode row (the routes come from these).
  static let all = [
    coverOpenClosed, valveOpenClosed, fanPreset, fanDirection, humidifierMode, waterHeaterMode,
    vacuumFanSpeed, remoteActivity, option("input_select"), option("select"),
  ]

  static func directives(for controller: InstanceController) -> [ControlDirective] {
    let interface = InstanceInterface(controller)
    let set: @Sendable (JSON, Entity?) throws -> ControlDirective.ServiceCall = { payload, entity in
      let requested = payload["mode"]?.string ?? ""
      guard let option = controller.option(forMode: requested, of: entity) else {
        throw AlexaFailure(
          type: .invalidValue, message: "\(controller.instance) has no mode '\(requested)'")
      }
      return try controller.call(setting: .string(option))
    }
    return [
      interface.directive(
        "SetMode", domains: [controller.domain],
        controller.dependsOnEntity
          ? .state { payload, entity in try set(payload, entity) }
          : .payload { payload, _ in try set(payload, nil) }),
      interface.directive(
        "AdjustMode", domains: [controller.domain],
        .state { payload, entity in
          let choices = controller.options(of: entity)
          let delta = Int(try ControlDirective.number(payload, "modeDelta", in: -100...100))
          let now = controller.reportedValue(of: entity)?.string.flatMap {
            controller.option(forMode: $0, of: entity)
          }
          let index = now.flatMap { choices.firstIndex(of: $0) } ?? 0
          // The entity's own option list may be missing or empty: nothing to move along.
          guard let last = choices.indices.last else {
            throw AlexaFailure(
              type: .invalidValue, message: "\(controller.instance) offers no modes")
          }
          return try controller.call(setting: .string(choices[min(last, max(0, index + delta))]))
        }),
    ]
  }
}
