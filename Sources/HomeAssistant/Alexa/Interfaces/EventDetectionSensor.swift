import JSONCore

/// `Alexa.EventDetectionSensor`: "a person is detected", which Alexa routines can start
/// from. A camera's image processing counts faces or people (its state is the count, so
/// above 0 is a presence); a button or input button reports each press as one, and its
/// press is a new press time (`Press`), never the same value again.
struct EventDetectionSensor: AlexaInterface {
  let namespace = "Alexa.EventDetectionSensor"
  static let property = "humanPresenceDetectionState"
  static let pressed: Set<String> = ["button", "input_button"]

  func discovery(for entity: Entity) -> JSON {
    Self.pressed.contains(entity.domain) ? Self.pressEntry : Self.presenceEntry
  }
  private static let presenceEntry = entry(supportsNotDetected: true)
  private static let pressEntry = entry(supportsNotDetected: false)
  private static func entry(supportsNotDetected: Bool) -> JSON {
    EventDetectionSensor().constantEntry(
      supported: [property],
      [
        (
          "configuration",
          [
            "detectionMethods": ["AUDIO", "VIDEO"],
            "detectionModes": [
              "humanPresence": [
                "featureAvailability": "ENABLED",
                "supportsNotDetected": .bool(supportsNotDetected),
              ]
            ],
          ]
        )
      ])
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard !["unknown", "unavailable", ""].contains(entity.state) else { return [] }
    let detected =
      switch entity.domain {
      case "image_processing": (Double(entity.state) ?? 0) > 0
      case _ where Self.pressed.contains(entity.domain): true
      default: entity.state == "on"
      }
    return [
      property(Self.property, ["value": .string(detected ? "DETECTED" : "NOT_DETECTED")], at: time)
    ]
  }
}

extension Capability {
  static let eventDetection = Capability(EventDetectionSensor())
}
