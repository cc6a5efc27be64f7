import JSONCore

/// `Alexa.DoorbellEventSource.DoorbellPress`: Alexa announces the doorbell on every Echo.
/// A press is a new state of an `event` entity (its state is the press's time) or a
/// doorbell binary sensor turning on.
enum DoorbellPress {
  /// The press `new` records after `old`, for the grant's access token; nil when it is
  /// none, or not of a doorbell Alexa knows.
  static func make(old: Entity?, new: Entity) -> ((String) -> JSON)? {
    guard let profile = DiscoveryTable.profile(for: new),
      profile.capabilities.contains(where: { $0.namespace == "Alexa.DoorbellEventSource" }),
      Press.happened(old: old, new: new)
    else { return nil }
    let payload: JSON = [
      "cause": ["type": "PHYSICAL_INTERACTION"], "timestamp": .string(AlexaMessage.now()),
    ]
    return { accessToken in
      AlexaMessage.event(
        header: AlexaMessage.header(
          namespace: "Alexa.DoorbellEventSource", name: "DoorbellPress", correlationToken: nil),
        endpointId: new.endpointId, payload: payload, properties: [], accessToken: accessToken)
    }
  }
}
