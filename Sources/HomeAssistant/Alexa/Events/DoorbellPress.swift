import JSONCore
import LambdaRuntime

/// `Alexa.DoorbellEventSource.DoorbellPress`: Alexa announces the doorbell on every Echo.
/// A press is a new state of an `event` entity (its state is the press's time) or a
/// doorbell binary sensor turning on.
enum DoorbellPress {
  /// The press `new` records after `old`, for the grant's access token; nil when it is
  /// none, or not of a doorbell Alexa knows.
  static func make(old: Entity?, new: Entity) -> ((String) -> JSON)? {
    guard let profile = DiscoveryTable.profile(for: new),
      profile.capabilities.contains(where: { $0.namespace == "Alexa.DoorbellEventSource" }),
      isPress(old: old, new: new)
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

  /// A press happened just now, not a state that came back: an `event` entity whose new
  /// state is a press time within `freshness` of now, after a known state that was not
  /// `unavailable` (an entity coming back, or with no old state after a reload, restores
  /// its last press time: Home Assistant's own integration announced those too, core
  /// issue 170344, fixed in PR 170354); a binary sensor turning on from off or unknown.
  static func isPress(old: Entity?, new: Entity, now: Int64 = Clock.wallMilliseconds()) -> Bool {
    guard let old, !old.isUnavailable, !new.isUnavailable else { return false }
    switch new.id.domain {
    case "event":
      guard new.state != old.state, let pressed = Timestamp.milliseconds(new.state) else {
        return false
      }
      return abs(now - pressed) <= freshnessMilliseconds
    default: return new.state == "on" && (old.state == "off" || old.state == "unknown")
    }
  }

  /// How old a press time may be and still ring (clocks and the push's trip included).
  static let freshnessMilliseconds: Int64 = 30_000
}
