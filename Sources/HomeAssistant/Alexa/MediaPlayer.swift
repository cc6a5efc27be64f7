import JSONCore

/// Home Assistant media players ↔ Alexa.Speaker or StepSpeaker, PlaybackController,
/// InputController and ChannelController.
enum MediaPlayer {
  /// Home Assistant's media_player feature bits (2024.3).
  static let volumeSet = 4
  static let volumeMute = 8
  static let turnOn = 128
  static let playMedia = 512
  static let volumeStep = 1024
  static let selectSource = 2048

  /// Alexa playback operation → feature bit and service: the table both discovery
  /// (`supportedOperations`) and control read.
  static let operations: [(name: String, feature: Int, service: String)] = [
    ("Play", 16384, "media_play"), ("Pause", 1, "media_pause"), ("Stop", 4096, "media_stop"),
    ("Next", 32, "media_next_track"), ("Previous", 16, "media_previous_track"),
  ]
  static let playbackFeatures = operations.reduce(0) { $0 | $1.feature }
  /// Step-wise controls call Home Assistant once per step; this many at most, so a spoken
  /// "up 100" cannot outlast Alexa's 8 s.
  static let maximumSteps = 20

  /// A stepping-only player (no absolute volume) gets StepSpeaker instead of Speaker.
  static func stepsOnly(_ entity: Entity) -> Bool {
    entity.supportedFeatures & volumeStep != 0 && entity.supportedFeatures & volumeSet == 0
  }

  static func supportedOperations(_ entity: Entity) -> [String] {
    // Covers and valves offer Stop only: "Alexa, stop the blinds".
    if entity.domain != "media_player" { return ["Stop"] }
    return operations.filter { entity.supportedFeatures & $0.feature != 0 }.map(\.name)
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

  /// "Up" or "down" `count` times (at least once, at most `maximumSteps`).
  static func steps(_ count: Double, up: String, down: String) -> ControlDirective.ServiceCall {
    ControlDirective.ServiceCall(
      domain: "media_player", service: count >= 0 ? up : down,
      repeats: min(maximumSteps, max(1, Int(abs(count)))))
  }

  static let directives: [ControlDirective] =
    operations.map { playback($0.name) } + [
      ControlDirective(namespace: "Alexa.Speaker", name: "SetVolume", domains: ["media_player"]) {
        payload, _, _ in
        let volume = try ControlDirective.number(payload, "volume", in: 0...100)
        return ControlDirective.ServiceCall(
          domain: "media_player", service: "volume_set",
          data: JSONObject([("volume_level", .number(volume / 100))]))
      },
      ControlDirective(
        namespace: "Alexa.Speaker", name: "AdjustVolume", domains: ["media_player"],
        needsState: true,
        plan: { payload, _, entity in
          try adjustVolume(payload, try ControlDirective.required(entity))
        }
      ),
      setMute("Alexa.Speaker"), setMute("Alexa.StepSpeaker"),
      ControlDirective(
        namespace: "Alexa.StepSpeaker", name: "AdjustVolume", domains: ["media_player"]
      ) { payload, _, _ in
        let steps = try ControlDirective.number(payload, "volumeSteps", in: -100...100)
        let byDefault = payload["volumeStepsDefault"]?.bool == true
        return MediaPlayer.steps(
          byDefault ? (steps < 0 ? -1 : 1) : steps, up: "volume_up", down: "volume_down")
      },
      ControlDirective(
        namespace: "Alexa.InputController", name: "SelectInput", domains: ["media_player"],
        needsState: true,
        plan: { payload, _, entity in
          try selectInput(payload, try ControlDirective.required(entity))
        }
      ),
      ControlDirective(
        namespace: "Alexa.ChannelController", name: "ChangeChannel", domains: ["media_player"]
      ) { payload, _, _ in try changeChannel(payload) },
      ControlDirective(
        namespace: "Alexa.ChannelController", name: "SkipChannels", domains: ["media_player"]
      ) { payload, _, _ in
        let count = try ControlDirective.number(payload, "channelCount", in: -1000...1000)
        return steps(count, up: "media_next_track", down: "media_previous_track")
      },
    ]

  static func setMute(_ namespace: String) -> ControlDirective {
    ControlDirective(namespace: namespace, name: "SetMute", domains: ["media_player"]) {
      payload, _, _ in
      guard let mute = payload["mute"]?.bool else {
        throw AlexaFailure(type: .invalidValue, message: "mute is not true or false")
      }
      return ControlDirective.ServiceCall(
        domain: "media_player", service: "volume_mute",
        data: JSONObject([("is_volume_muted", .bool(mute))]))
    }
  }

  /// Stop also applies to covers and valves that can stop.
  static func playback(_ operation: String) -> ControlDirective {
    let service = operations.first { $0.name == operation }?.service ?? "media_play"
    let domains: Set<String> =
      operation == "Stop" ? ["media_player", "cover", "valve"] : ["media_player"]
    return ControlDirective(
      namespace: "Alexa.PlaybackController", name: operation, domains: domains
    ) { _, domain, _ in
      ControlDirective.ServiceCall(
        domain: domain, service: domain == "media_player" ? service : "stop_\(domain)")
    }
  }

  /// `ChangeChannel`: by number, call sign or URI, else by the channel's spoken name.
  static func changeChannel(_ payload: JSON) throws -> ControlDirective.ServiceCall {
    let channel = payload["channel"]
    let identifier = ["number", "callSign", "affiliateCallSign", "uri"].lazy
      .compactMap { channel?[$0]?.string }.first { !$0.isEmpty }
    guard let id = identifier ?? payload["channelMetadata"]?["name"]?.string, !id.isEmpty else {
      throw AlexaFailure(type: .invalidValue, message: "the directive names no channel")
    }
    return ControlDirective.ServiceCall(
      domain: "media_player", service: "play_media",
      data: JSONObject([("media_content_id", .string(id)), ("media_content_type", "channel")]))
  }
}
