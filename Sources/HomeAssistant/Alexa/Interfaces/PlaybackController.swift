import JSONCore

/// `Alexa.PlaybackController`: play, pause, stop, next, previous on media players, and
/// Stop on covers and valves that can stop ("Alexa, stop the blinds").
struct PlaybackController: AlexaInterface {
  let namespace = "Alexa.PlaybackController"

  func discovery(for entity: Entity) -> JSON {
    entry([("supportedOperations", .array(Self.supportedOperations(entity).map(JSON.string)))])
  }

  /// Alexa playback operation → feature bit and service: the table both discovery
  /// (`supportedOperations`) and control read.
  static let operations: [(name: String, feature: Int, service: String)] = [
    ("Play", MediaPlayerFeature.play, "media_play"),
    ("Pause", MediaPlayerFeature.pause, "media_pause"),
    ("Stop", MediaPlayerFeature.stop, "media_stop"),
    ("Next", MediaPlayerFeature.nextTrack, "media_next_track"),
    ("Previous", MediaPlayerFeature.previousTrack, "media_previous_track"),
  ]
  static let features = operations.reduce(0) { $0 | $1.feature }

  static func supportedOperations(_ entity: Entity) -> [String] {
    if entity.domain != "media_player" { return ["Stop"] }
    return operations.filter { entity.supportedFeatures & $0.feature != 0 }.map(\.name)
  }

  var directives: [ControlDirective] {
    Self.operations.map { operation in
      let domains: Set<String> =
        operation.name == "Stop" ? ["media_player", "cover", "valve"] : ["media_player"]
      return directive(
        operation.name, domains: domains,
        .payload { _, domain in
          ControlDirective.ServiceCall(
            domain: domain, service: domain == "media_player" ? operation.service : "stop_\(domain)"
          )
        })
    }
  }
}

extension Capability {
  static let playback = Capability(PlaybackController())
}
