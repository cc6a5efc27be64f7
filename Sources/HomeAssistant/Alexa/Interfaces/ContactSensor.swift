import JSONCore

/// `Alexa.ContactSensor`: doors, windows, garage doors and openings (binary sensors).
struct ContactSensor: AlexaInterface {
  let namespace = "Alexa.ContactSensor"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = ContactSensor().constantEntry(supported: ["detectionState"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [detectionState(of: entity, at: time)]
  }
}

extension AlexaInterface {
  /// A binary sensor's `detectionState` (contact and motion sensors report the same way).
  func detectionState(of entity: Entity, at time: String) -> JSON {
    property(
      "detectionState", .string(entity.state == "on" ? "DETECTED" : "NOT_DETECTED"), at: time)
  }
}

extension Capability {
  static let contactSensor = Capability(ContactSensor())
}
