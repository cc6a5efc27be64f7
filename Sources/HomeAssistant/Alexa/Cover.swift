/// Home Assistant covers and valves ↔ Alexa: a RangeController per axis when the cover can
/// be set to a percentage, else an open/closed ModeController; PowerController opens and
/// closes all but garage doors and gates, and PlaybackController.Stop stops a moving cover.
enum Cover {
  /// Display category by device class.
  static let categories: [String: String] = [
    "garage": "GARAGE_DOOR", "door": "DOOR", "gate": "DOOR", "blind": "INTERIOR_BLIND",
    "shade": "INTERIOR_BLIND",
    "curtain": "INTERIOR_BLIND", "awning": "EXTERIOR_BLIND", "shutter": "EXTERIOR_BLIND",
    "window": "EXTERIOR_BLIND",
  ]

  /// Device classes "turn on" would be a surprising way to open (as in Home Assistant).
  static let withoutPower: Set<String> = ["garage", "door", "gate"]
}
