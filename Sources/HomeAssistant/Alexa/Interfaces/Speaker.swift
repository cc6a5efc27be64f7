import JSONCore

/// `Alexa.Speaker`: "set the volume to 30", "mute the TV" — players that set an absolute
/// volume.
struct Speaker: AlexaInterface {
  let namespace = "Alexa.Speaker"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = Speaker().constantEntry(supported: ["volume", "muted"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    // A player that is off reports no volume: nothing to claim then.
    guard let level = entity.attribute("volume_level")?.number else { return [] }
    var found = [property("volume", .number(min(100, max(0, (level * 100).rounded()))), at: time)]
    if let muted = entity.attribute("is_volume_muted")?.bool {
      found.append(property("muted", .bool(muted), at: time))
    }
    return found
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetVolume", domains: ["media_player"],
        .payload { payload, _ in
          let volume = try ControlDirective.number(payload, "volume", in: 0...100)
          return ControlDirective.ServiceCall(
            domain: "media_player", service: "volume_set",
            data: JSONObject([("volume_level", .number(volume / 100))]))
        }),
      directive("AdjustVolume", domains: ["media_player"], .state(Self.adjustVolume)),
      MediaPlayer.setMute(self),
    ]
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
}

extension Capability {
  static let speaker = Capability(Speaker())
}
