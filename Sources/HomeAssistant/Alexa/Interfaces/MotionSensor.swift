import JSONCore

/// `Alexa.MotionSensor`: motion, occupancy and presence (binary sensors).
struct MotionSensor: AlexaInterface {
  let namespace = "Alexa.MotionSensor"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = MotionSensor().constantEntry(supported: ["detectionState"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [detectionState(of: entity, at: time)]
  }
}

extension Capability {
  static let motionSensor = Capability(MotionSensor())
}
