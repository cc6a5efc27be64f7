import JSONCore

/// `Alexa.SeekController`: "skip forward 30 seconds", "go back a minute". The player's
/// position moves by the delta from where Home Assistant says it is (`media_seek`, in
/// seconds, kept within the media), and Alexa hears the new position.
struct SeekController: AlexaInterface {
  let namespace = "Alexa.SeekController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = SeekController().constantEntry()

  var directives: [ControlDirective] {
    [
      directive(
        "AdjustSeekPosition", domains: ["media_player"],
        answer: .report(namespace: namespace, name: "StateReport", payload: Self.position),
        .state { payload, entity in
          let delta = try ControlDirective.number(
            payload, "deltaPositionMilliseconds", in: -86_400_000...86_400_000)
          guard let current = entity.attribute("media_position")?.number else {
            throw AlexaFailure(
              type: .invalidDirective,
              message: "\(entity.entityId) does not say where it is in the media")
          }
          var target = max(0, (current + delta / 1000).rounded())
          if let duration = entity.attribute("media_duration")?.number, duration > 0 {
            target = min(target, duration)
          }
          return ControlDirective.ServiceCall(
            domain: "media_player", service: "media_seek",
            data: JSONObject([("seek_position", .number(min(target, 86_400)))]))
        })
    ]
  }

  /// The StateReport's payload: the position the call moved to, in milliseconds.
  static func position(_ call: ControlDirective.ServiceCall) -> JSON {
    let seconds = call.data["seek_position"]?.number ?? 0
    return [
      "properties": [["name": "positionMilliseconds", "value": JSON(Int(seconds * 1000))]]
    ]
  }
}

extension Capability {
  static let seek = Capability(SeekController())
}
