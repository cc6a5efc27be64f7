/// Home Assistant covers and valves ↔ Alexa: a RangeController per axis when the cover can
/// be set to a percentage, else an open/closed ModeController (see `InstanceControllers`);
/// PowerController opens and closes all but garage doors and gates, and
/// PlaybackController.Stop stops a moving cover.
enum Cover {
  /// Home Assistant's cover feature bits (2024.3); valves share the first four.
  static let open = 1
  static let close = 2
  static let setPosition = 4
  static let stop = 8
  static let openTilt = 16
  static let closeTilt = 32
  static let setTiltPosition = 128
  static let openAndClose = open | close
  static let tiltOpenAndClose = openTilt | closeTilt

  /// Display category by device class.
  static let categories: [String: String] = [
    "garage": "GARAGE_DOOR", "door": "DOOR", "gate": "DOOR", "blind": "INTERIOR_BLIND",
    "shade": "INTERIOR_BLIND",
    "curtain": "INTERIOR_BLIND", "awning": "EXTERIOR_BLIND", "shutter": "EXTERIOR_BLIND",
  ]

  /// Device classes "turn on" would be a surprising way to open (as in Home Assistant).
  static let withoutPower: Set<String> = ["garage", "door", "gate"]

  /// Whether "turn on" can open it: the cover itself, or its slats when it only tilts.
  static func hasPower(_ entity: Entity) -> Bool {
    let features = entity.supportedFeatures
    return features & openAndClose == openAndClose
      || features & tiltOpenAndClose == tiltOpenAndClose
  }

  /// open_cover, or open_cover_tilt for a cover that only tilts (and close likewise).
  static func powerService(on: Bool, _ entity: Entity?) -> String {
    let tiltOnly = (entity?.supportedFeatures ?? openAndClose) & openAndClose != openAndClose
    return (on ? "open_cover" : "close_cover") + (tiltOnly ? "_tilt" : "")
  }
}
