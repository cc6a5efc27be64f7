import JSONCore

/// Home Assistant media players ↔ Alexa.Speaker and Alexa.PlaybackController.
enum MediaPlayer {
  /// Home Assistant's media_player feature bits (2024.3).
  static let volumeSet = 4
  static let volumeMute = 8

  /// Alexa playback operation → feature bit and service: the table both discovery
  /// (`supportedOperations`) and control read.
  static let operations: [(name: String, feature: Int, service: String)] = [
    ("Play", 16384, "media_play"), ("Pause", 1, "media_pause"), ("Stop", 4096, "media_stop"),
    ("Next", 32, "media_next_track"), ("Previous", 16, "media_previous_track"),
  ]
  static let playbackFeatures = operations.reduce(0) { $0 | $1.feature }

  static func supportedOperations(_ entity: Entity) -> [String] {
    operations.filter { entity.supportedFeatures & $0.feature != 0 }.map(\.name)
  }

  /// `AdjustVolume`: the current level moved by `volume` points, kept within 0…100.
  static func adjustVolume(_ payload: JSON, _ entity: Entity) throws -> ControlDirective.ServiceCall
  {
    let delta = try ControlDirective.number(payload, "volume", in: -100...100)
    guard let level = entity.attribute("volume_level")?.number else {
      throw AlexaFailure(
        type: .invalidValue, message: "\(entity.friendlyName) reports no volume (is it on?)")
    }
    let target = min(100, max(0, (level * 100).rounded() + delta))
    return ControlDirective.ServiceCall(
      domain: "media_player", service: "volume_set",
      data: JSONObject([("volume_level", .number(target / 100))]))
  }

  static func playback(_ operation: String) -> ControlDirective {
    let service = operations.first { $0.name == operation }?.service ?? "media_play"
    return ControlDirective(
      namespace: "Alexa.PlaybackController", name: operation, domains: ["media_player"]
    ) { _, _, _ in
      ControlDirective.ServiceCall(domain: "media_player", service: service)
    }
  }
}
