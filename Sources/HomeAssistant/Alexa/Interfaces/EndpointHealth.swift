import JSONCore

/// `Alexa.EndpointHealth`: whether Home Assistant can reach the device. Pushed (an
/// entity becoming unavailable is a ChangeReport of its connectivity) wherever the
/// endpoint's other properties are: Home Assistant's package sends nothing for an
/// endpoint with none (a scene).
struct EndpointHealth: AlexaInterface {
  let namespace = "Alexa.EndpointHealth"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = EndpointHealth().constantEntry(supported: ["connectivity"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [
      property(
        "connectivity", ["value": .string(entity.isUnavailable ? "UNREACHABLE" : "OK")], at: time)
    ]
  }
}

extension Capability {
  static let endpointHealth = Capability(EndpointHealth())
}
