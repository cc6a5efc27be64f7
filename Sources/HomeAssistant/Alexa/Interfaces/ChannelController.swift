import JSONCore

/// `Alexa.ChannelController`: "change to channel 7", "next channel".
struct ChannelController: AlexaInterface {
  let namespace = "Alexa.ChannelController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = ChannelController().constantEntry()

  var directives: [ControlDirective] {
    [
      directive(
        "ChangeChannel", domains: ["media_player"],
        .payload { payload, _ in try Self.changeChannel(payload) }),
      directive(
        "SkipChannels", domains: ["media_player"],
        .payload { payload, _ in
          let count = try ControlDirective.number(payload, "channelCount", in: -1000...1000)
          return MediaPlayer.steps(count, up: "media_next_track", down: "media_previous_track")
        }),
    ]
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

extension Capability {
  static let channel = Capability(ChannelController())
}
