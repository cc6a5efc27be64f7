import JSONCore

/// `Alexa.TemperatureSensor`: "what's the temperature in the kitchen?" — a temperature
/// sensor's state, or a thermostat's current temperature.
struct TemperatureSensor: AlexaInterface {
  let namespace = "Alexa.TemperatureSensor"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = TemperatureSensor().constantEntry(supported: ["temperature"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    // A sensor's state is the temperature; a thermostat reports it as an attribute.
    let reading =
      entity.domain == "sensor"
      ? Double(entity.state) : entity.attribute("current_temperature")?.number
    guard let value = reading else { return [] }
    let scale =
      TemperatureScale(unit: entity.attribute("unit_of_measurement")?.string)
      ?? entity.temperatureScale
    // Alexa says kelvin as it hears it ("293 kelvin"): a kelvin sensor reports Celsius.
    guard scale == .kelvin else {
      return [property("temperature", ThermostatController.temperature(value, scale), at: time)]
    }
    return [
      property("temperature", ThermostatController.temperature(value - 273.15, .celsius), at: time)
    ]
  }

  /// A sensor is a temperature sensor by its unit (°C, °F or K), whatever its device
  /// class says (Home Assistant's integration goes by the unit too).
  static func isTemperature(_ entity: Entity) -> Bool {
    TemperatureScale(unit: entity.attribute("unit_of_measurement")?.string) != nil
  }
}

extension Capability {
  static let temperatureSensor = Capability(TemperatureSensor())
}
