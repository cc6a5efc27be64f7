/// Alexa.PowerController → the service that turns each domain on or off.
enum Power {
  static let domains: Set<String> = [
    "light", "switch", "input_boolean", "automation", "group", "fan", "media_player", "climate",
    "cover", "valve", "humidifier", "water_heater", "vacuum", "timer",
  ]

  /// Domains whose "on" and "off" are other services.
  static let services: [String: (on: String, off: String)] = [
    "valve": ("open_valve", "close_valve"),
    "timer": ("start", "cancel"),
  ]

  /// Home Assistant's vacuum feature bits (2024.3) that decide its power services.
  enum Vacuum {
    static let turnOn = 1
    static let turnOff = 2
    static let pause = 4
    static let stop = 8
    static let returnHome = 16
    static let fanSpeed = 32
    static let start = 8192

    /// Whether the vacuum can both start and stop (or go home).
    static func hasPower(_ entity: Entity) -> Bool {
      let features = entity.supportedFeatures
      return features & (turnOn | start) != 0 && features & (turnOff | returnHome | stop) != 0
    }

    static func canHold(_ entity: Entity) -> Bool {
      entity.supportedFeatures & pause != 0 && entity.supportedFeatures & start != 0
    }
  }

  /// Domains whose power services depend on their features: their directive reads the
  /// state first.
  static let featureDependent: Set<String> = ["vacuum", "cover"]

  /// The call for TurnOn (`on`) or TurnOff.
  static func call(on: Bool, domain: String, entity: Entity?) -> ControlDirective.ServiceCall {
    if domain == "group" {
      return ControlDirective.ServiceCall(
        domain: "homeassistant", service: on ? "turn_on" : "turn_off")
    }
    if domain == "vacuum", let features = entity?.supportedFeatures {
      let service =
        on
        ? (features & Vacuum.start != 0 ? "start" : "turn_on")
        : (features & Vacuum.turnOff != 0
          ? "turn_off" : features & Vacuum.returnHome != 0 ? "return_to_base" : "stop")
      return ControlDirective.ServiceCall(domain: domain, service: service)
    }
    if domain == "cover" {
      return ControlDirective.ServiceCall(
        domain: domain, service: Cover.powerService(on: on, entity))
    }
    let service = services[domain].map { on ? $0.on : $0.off } ?? (on ? "turn_on" : "turn_off")
    return ControlDirective.ServiceCall(domain: domain, service: service)
  }
}
