import JSONCore

/// `Alexa.ColorTemperatureController`: "set the light to warm white", "make it cooler".
struct ColorTemperatureController: AlexaInterface {
  let namespace = "Alexa.ColorTemperatureController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = ColorTemperatureController().constantEntry(
    supported: ["colorTemperatureInKelvin"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let kelvin = entity.attribute("color_temp_kelvin")?.number else { return [] }
    return [
      property(
        "colorTemperatureInKelvin", .number(min(12000, max(1000, kelvin.rounded()))), at: time)
    ]
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetColorTemperature", domains: ["light"],
        .payload { payload, _ in
          let kelvin = try ControlDirective.number(
            payload, "colorTemperatureInKelvin", in: 1000...12000)
          return ControlDirective.ServiceCall(
            domain: "light", service: "turn_on",
            data: JSONObject([("color_temp_kelvin", .number(kelvin))]))
        }),
      directive(
        "IncreaseColorTemperature", domains: ["light"],
        .state { _, entity in try Self.step(entity, by: 500) }),
      directive(
        "DecreaseColorTemperature", domains: ["light"],
        .state { _, entity in try Self.step(entity, by: -500) }),
    ]
  }

  /// Warmer or cooler by `delta` kelvin, within the light's own range.
  static func step(_ entity: Entity, by delta: Double) throws -> ControlDirective.ServiceCall {
    guard let current = entity.attribute("color_temp_kelvin")?.number else {
      throw AlexaFailure(
        type: .invalidValue, message: "the light reports no colour temperature (is it on?)")
    }
    let lowest = entity.attribute("min_color_temp_kelvin")?.number ?? 2000
    let highest = entity.attribute("max_color_temp_kelvin")?.number ?? 6500
    let target = min(highest, max(lowest, current + delta))
    return ControlDirective.ServiceCall(
      domain: "light", service: "turn_on",
      data: JSONObject([("color_temp_kelvin", .number(target))]))
  }
}

extension Capability {
  static let colorTemperature = Capability(ColorTemperatureController())
}
