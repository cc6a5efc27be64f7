import LambdaRuntime

/// A press that happened just now, not a state that came back. Doorbell `event` entities,
/// buttons and input buttons hold their last press time as their state: a new one, within
/// `freshnessMilliseconds` of now, after a known state that was not `unavailable` (an
/// entity coming back, or with no old state after a reload, restores its last press time;
/// Home Assistant's own integration rang for those: core issue 170344, PR 170354). A
/// binary sensor presses by turning on from off (or unknown).
enum Press {
  static let timed: Set<String> = ["event", "button", "input_button"]
  /// How old a press time may be and still count (clocks and the push's trip included).
  static let freshnessMilliseconds: Int64 = 30_000

  static func happened(old: Entity?, new: Entity, now: Int64 = Clock.wallMilliseconds()) -> Bool {
    guard let old, !old.isUnavailable, !new.isUnavailable else { return false }
    guard timed.contains(new.id.domain) else {
      return new.state == "on" && (old.state == "off" || old.state == "unknown")
    }
    guard new.state != old.state, let pressed = Timestamp.milliseconds(new.state) else {
      return false
    }
    return abs(now - pressed) <= freshnessMilliseconds
  }
}
