import JSONCore

/// `Alexa.StepSpeaker`: "turn it up" for players that only step their volume.
struct StepSpeaker: AlexaInterface {
  let namespace = "Alexa.StepSpeaker"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = StepSpeaker().constantEntry()

  var directives: [ControlDirective] {
    [
      directive(
        "AdjustVolume", domains: ["media_player"],
        .payload { payload, _ in
          let steps = try ControlDirective.number(payload, "volumeSteps", in: -100...100)
          let byDefault = payload["volumeStepsDefault"]?.bool == true
          return MediaPlayer.steps(
            byDefault ? (steps < 0 ? -1 : 1) : steps, up: "volume_up", down: "volume_down")
        }),
      MediaPlayer.setMute(self),
    ]
  }

  /// A stepping-only player (no absolute volume) gets StepSpeaker instead of Speaker.
  static func isOffered(_ entity: Entity) -> Bool {
    entity.supportedFeatures & MediaPlayerFeature.volumeStep != 0
      && entity.supportedFeatures & MediaPlayerFeature.volumeSet == 0
  }
}

extension Capability {
  static let stepSpeaker = Capability(StepSpeaker())
}
