import JSONCore

/// `Alexa.EndpointHealth`: whether Home Assistant can reach the device.
struct EndpointHealth: AlexaInterface {
  let namespace = "Alexa.EndpointHealth"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = EndpointHealth().constantEntry(supported: ["connectivity"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [property("connectivity", ["value": .string(entity.isUnavailable ? "UNREACHABLE" : "OK")], at: time)]
  }
}

extension Capability {
  static let endpointHealth = Capability(EndpointHealth())
}
