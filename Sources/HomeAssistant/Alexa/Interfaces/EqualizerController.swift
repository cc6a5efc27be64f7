import JSONCore

/// `Alexa.EqualizerController`: "set the soundbar to movie mode". Alexa names five sound
/// modes (MOVIE, MUSIC, NIGHT, SPORT, TV); a player's Home Assistant sound modes are
/// offered when they are one of them (ignoring case), and `select_sound_mode` sets them.
struct EqualizerController: AlexaInterface {
  let namespace = "Alexa.EqualizerController"
  static let alexaModes: Set<String> = ["MOVIE", "MUSIC", "NIGHT", "SPORT", "TV"]

  func discovery(for entity: Entity) -> JSON {
    entry(
      supported: ["mode"],
      [
        (
          "configurations",
          ["modes": ["supported": .array(Self.modes(entity).map { ["name": .string($0.alexa)] })]]
        )
      ])
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let current = entity.attribute("sound_mode")?.string?.uppercased(),
      Self.alexaModes.contains(current)
    else { return [] }
    return [property("mode", .string(current), at: time)]
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetMode", domains: ["media_player"],
        .state { payload, entity in
          let wanted = payload["mode"]?.string?.uppercased() ?? ""
          guard let mode = Self.modes(entity).first(where: { $0.alexa == wanted }) else {
            throw AlexaFailure(
              type: .invalidValue, message: "\(entity.entityId) has no sound mode \(wanted)")
          }
          return ControlDirective.ServiceCall(
            domain: "media_player", service: "select_sound_mode",
            data: JSONObject([("sound_mode", .string(mode.home))]))
        })
    ]
  }

  /// The player's sound modes Alexa can name, each once.
  static func modes(_ entity: Entity) -> [(home: String, alexa: String)] {
    var seen: Set<String> = []
    return (entity.attribute("sound_mode_list")?.array ?? []).compactMap { mode in
      guard let home = mode.string, alexaModes.contains(home.uppercased()),
        seen.insert(home.uppercased()).inserted
      else { return nil }
      return (home, home.uppercased())
    }
  }

  static func isOffered(_ entity: Entity) -> Bool {
    entity.supportedFeatures & MediaPlayerFeature.selectSoundMode != 0 && !modes(entity).isEmpty
  }
}

extension Capability {
  static let equalizer = Capability(EqualizerController())
}
