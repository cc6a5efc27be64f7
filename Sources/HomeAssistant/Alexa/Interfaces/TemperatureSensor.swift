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
    return [property("temperature", ThermostatController.temperature(value, scale), at: time)]
  }
}

extension Capability {
  static let temperatureSensor = Capability(TemperatureSensor())
}
