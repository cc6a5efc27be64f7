import JSONCore

/// `Alexa.DoorbellEventSource`: a doorbell Alexa announces on every Echo. Its presses are
/// events Alexa must be sent (proactively reported by definition); a binary sensor the
/// owner shows as a `DOORBELL` gets it, as in Home Assistant's own integration.
struct DoorbellEventSource: AlexaInterface {
  let namespace = "Alexa.DoorbellEventSource"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = DoorbellEventSource().constantEntry([("proactivelyReported", true)])
}

extension Capability {
  static let doorbell = Capability(DoorbellEventSource())
}
