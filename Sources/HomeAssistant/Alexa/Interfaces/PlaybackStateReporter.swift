import JSONCore

/// `Alexa.PlaybackStateReporter`: whether a media player is playing, paused or stopped,
/// offered beside PlaybackController as Home Assistant's integration does. Alexa uses it
/// to know which device is in use ("Alexa, pause" goes to the one playing) and shows it
/// in the app. Version 1.0, `playbackState` as `{"state": …}`:
/// developer.amazon.com/docs/alexa/device-apis/alexa-playbackstatereporter.html (now part
/// of the PlaybackController page). Amazon's published JSON schema predates it; the tests
/// add it from that page (Fixtures/schema_additions.json).
struct PlaybackStateReporter: AlexaInterface {
  let namespace = "Alexa.PlaybackStateReporter"
  var version: String { "1.0" }
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = PlaybackStateReporter().constantEntry(supported: ["playbackState"])

  /// Home Assistant's player states Alexa has a word for; every other (on, idle, standby,
  /// buffering, off) is STOPPED, as in Home Assistant's integration.
  static let states = ["playing": "PLAYING", "paused": "PAUSED"]

  func properties(of entity: Entity, at time: String) -> [JSON] {
    [
      property(
        "playbackState", ["state": .string(Self.states[entity.state] ?? "STOPPED")], at: time)
    ]
  }
}

extension Capability {
  static let playbackState = Capability(PlaybackStateReporter())
}
