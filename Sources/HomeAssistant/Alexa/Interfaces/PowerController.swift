import JSONCore

/// `Alexa.PowerController`: "turn on the kitchen light", for every domain with an on
/// and an off (or an open and a close, a start and a stop).
struct PowerController: AlexaInterface {
  let namespace = "Alexa.PowerController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = PowerController().constantEntry(supported: ["powerState"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [property("powerState", .string(entity.isOn ? "ON" : "OFF"), at: time)]
  }

  var directives: [ControlDirective] {
    [("TurnOn", true), ("TurnOff", false)].map { name, on in
      directive(
        name, domains: Self.domains,
        .stateFor(Self.featureDependent) { _, domain, entity in
          Self.call(on: on, domain: domain, entity: entity)
        })
    }
  }

  static let domains: Set<String> = [
    "light", "switch", "input_boolean", "automation", "group", "fan", "media_player", "climate",
    "cover", "valve", "humidifier", "water_heater", "vacuum", "timer", "alert", "remote",
  ]

  /// Domains whose "on" and "off" are other services.
  static let services: [String: (on: String, off: String)] = [
    "valve": ("open_valve", "close_valve"),
    "timer": ("start", "cancel"),
  ]

  /// Domains whose power services depend on their features: their directive reads the
  /// state first.
  static let featureDependent: Set<String> = ["vacuum", "cover", "media_player", "climate"]

  /// Whether the vacuum can both start and stop (or go home).
  static func vacuumHasPower(_ entity: Entity) -> Bool {
    let features = entity.supportedFeatures
    return features & (VacuumFeature.turnOn | VacuumFeature.start) != 0
      && features & (VacuumFeature.turnOff | VacuumFeature.returnHome | VacuumFeature.stop) != 0
  }

  /// Whether the climate can be turned on and off: its TURN_ON or TURN_OFF feature, or
  /// `off` among its HVAC modes (as Home Assistant's integration decides).
  static func climateHasPower(_ entity: Entity) -> Bool {
    entity.supportedFeatures & (ClimateFeature.turnOn | ClimateFeature.turnOff) != 0
      || entity.attribute("hvac_modes")?.array?.contains("off") == true
  }

  /// Whether the player can be turned on and off: its own power, or playing and stopping
  /// (Home Assistant's integration plays and stops a player without power).
  static func mediaPlayerHasPower(_ entity: Entity) -> Bool {
    entity.supportedFeatures
      & (MediaPlayerFeature.turnOn | MediaPlayerFeature.turnOff | MediaPlayerFeature.play
        | MediaPlayerFeature.stop) != 0
  }

  /// Whether "turn on" can open the cover: the cover itself, or its slats when it only
  /// tilts.
  static func coverHasPower(_ entity: Entity) -> Bool {
    let features = entity.supportedFeatures
    return features & CoverFeature.openAndClose == CoverFeature.openAndClose
      || features & CoverFeature.tiltOpenAndClose == CoverFeature.tiltOpenAndClose
  }

  /// The call for TurnOn (`on`) or TurnOff.
  static func call(on: Bool, domain: String, entity: Entity?) -> ControlDirective.ServiceCall {
    if domain == "group" {
      return ControlDirective.ServiceCall(
        domain: "homeassistant", service: on ? "turn_on" : "turn_off")
    }
    if domain == "vacuum", let features = entity?.supportedFeatures {
      let service =
        on
        ? (features & VacuumFeature.start != 0 ? "start" : "turn_on")
        : (features & VacuumFeature.turnOff != 0
          ? "turn_off" : features & VacuumFeature.returnHome != 0 ? "return_to_base" : "stop")
      return ControlDirective.ServiceCall(domain: domain, service: service)
    }
    if domain == "climate" {
      return on ? ClimateResume.turnOn(entity) : ClimateResume.turnOff(entity)
    }
    if domain == "media_player", let features = entity?.supportedFeatures {
      let service =
        on
        ? (features & MediaPlayerFeature.turnOn != 0 ? "turn_on" : "media_play")
        : (features & MediaPlayerFeature.turnOff != 0 ? "turn_off" : "media_stop")
      return ControlDirective.ServiceCall(domain: domain, service: service)
    }
    if domain == "cover" {
      // open_cover, or open_cover_tilt for a cover that only tilts (and close likewise).
      let features = entity?.supportedFeatures ?? CoverFeature.openAndClose
      let tiltOnly = features & CoverFeature.openAndClose != CoverFeature.openAndClose
      return ControlDirective.ServiceCall(
        domain: domain, service: (on ? "open_cover" : "close_cover") + (tiltOnly ? "_tilt" : ""))
    }
    let service = services[domain].map { on ? $0.on : $0.off } ?? (on ? "turn_on" : "turn_off")
    return ControlDirective.ServiceCall(domain: domain, service: service)
  }
}

extension Capability {
  static let power = Capability(PowerController())
}
