import JSONCore

/// What the media player interfaces share (Speaker, StepSpeaker, PlaybackController,
/// InputController, ChannelController).
enum MediaPlayer {
  /// Step-wise controls call Home Assistant once per step; this many at most, so a spoken
  /// "up 100" cannot outlast Alexa's 8 s.
  static let maximumSteps = 20

  /// "Up" or "down" `count` times (at least once, at most `maximumSteps`).
  static func steps(_ count: Double, up: String, down: String) -> ControlDirective.ServiceCall {
    ControlDirective.ServiceCall(
      domain: "media_player", service: count >= 0 ? up : down,
      repeats: min(maximumSteps, max(1, Int(abs(count)))))
  }

  /// `SetMute`, shared by Speaker and StepSpeaker.
  static func setMute(_ interface: some AlexaInterface) -> ControlDirective {
    interface.directive(
      "SetMute", domains: ["media_player"],
      .payload { payload, _ in
        guard let mute = payload["mute"]?.bool else {
          throw AlexaFailure(type: .invalidValue, message: "mute is not true or false")
        }
        return ControlDirective.ServiceCall(
          domain: "media_player", service: "volume_mute",
          data: JSONObject([("is_volume_muted", .bool(mute))]))
      })
  }
}
