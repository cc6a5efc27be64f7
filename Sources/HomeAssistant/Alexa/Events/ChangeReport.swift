import JSONCore

/// `Alexa.ChangeReport`: what changed in an entity outside Alexa, from the same
/// properties StateReport gives. Every Alexa property that changed goes in the payload,
/// every other one (and EndpointHealth, unless it changed) in the context.
///
/// `unavailable` is connectivity, not a value: an entity that becomes unavailable reports
/// EndpointHealth `UNREACHABLE` alone (no made-up value such as a closed door), and one
/// that comes back reports `OK` with every real value.
enum ChangeReport {
  /// The report for the grant's access token, worked out once; nil when no Alexa
  /// property of `new` changed (an attribute no property reflects, the same state again,
  /// an entity that is no endpoint).
  static func make(old: Entity?, new: Entity, cause: String) -> ((String) -> JSON)? {
    let time = AlexaMessage.now()
    var changed: [JSON] = []
    var unchanged: [JSON] = []
    if new.isUnavailable {
      guard let old, !old.isUnavailable else { return nil }
      changed = EndpointHealth().properties(of: new, at: time)
    } else {
      let cameBack = old?.isUnavailable == true
      // Before an entity came back, none of its values was known.
      let before = old.map { old in
        cameBack
          ? [:]
          : Dictionary(
            DiscoveryTable.properties(of: old, at: time).map {
              (key(of: $0), $0["value"] ?? .null)
            },
            uniquingKeysWith: { first, _ in first })
      }
      let pressed = Press.happened(old: old, new: new)
      for property in DiscoveryTable.properties(of: new, at: time) {
        let isHealth = property["namespace"] == "Alexa.EndpointHealth"
        // A press reports the same value each time: it changed when a press happened.
        let isPress =
          property["name"] == .string(EventDetectionSensor.property)
          && EventDetectionSensor.pressed.contains(new.domain)
        if isHealth ? cameBack : isPress ? pressed : before?[key(of: property)] != property["value"]
        {
          changed.append(property)
        } else {
          unchanged.append(property)
        }
      }
    }
    guard !changed.isEmpty else { return nil }
    let payload: JSON = [
      "change": ["cause": ["type": .string(cause)], "properties": .array(changed)]
    ]
    return { accessToken in
      AlexaMessage.event(
        header: AlexaMessage.header(
          namespace: "Alexa", name: "ChangeReport", correlationToken: nil),
        endpointId: new.endpointId, payload: payload, properties: unchanged,
        accessToken: accessToken)
    }
  }

  private static func key(of property: JSON) -> String {
    "\(property["namespace"]?.string ?? ""):\(property["instance"]?.string ?? ""):\(property["name"]?.string ?? "")"
  }
}
