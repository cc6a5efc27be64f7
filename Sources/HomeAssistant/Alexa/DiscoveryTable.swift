/// Home Assistant domain → Alexa display category and capabilities: data, not code.
///
/// Adding a domain is one entry here plus its directive handlers. A profile's capability
/// applies when its condition holds for the entity's attributes.
enum DiscoveryTable {
  enum Condition: Sendable {
    case always
    /// Any of these in `supported_color_modes`.
    case colorModes(Set<String>)
    /// This bit in `supported_features`.
    case feature(Int)
    /// The attribute is present and not null.
    case attribute(String)
    /// All of these feature bits, and not that one.
    case featuresWithout(Int, absent: Int)
  }

  struct Profile: Sendable {
    let category: String
    let capabilities: [(Capability, Condition)]
  }

  struct DomainRule: Sendable {
    /// Nil: entities of the domain are exposed only for a listed device class.
    let standard: Profile?
    var byDeviceClass: [String: Profile] = [:]
  }

  static let dimmableModes: Set<String> = [
    "brightness", "color_temp", "hs", "xy", "rgb", "rgbw", "rgbww", "white",
  ]
  static let colorModes: Set<String> = ["hs", "xy", "rgb", "rgbw", "rgbww"]

  static let power = [(Capability.power, Condition.always)]
  /// Position and tilt when the cover can be set to a percentage; open/closed otherwise.
  static func coverProfile(_ category: String) -> Profile {
    Profile(
      category: category,
      capabilities: [
        (.coverPosition, .feature(Cover.setPosition)),
        (.coverTilt, .feature(Cover.setTiltPosition)),
        (.coverMode, .featuresWithout(Cover.openAndClose, absent: Cover.setPosition)),
      ])
  }

  static let mediaPlayer: [(Capability, Condition)] = [
    (.power, .feature(128)), (.speaker, .feature(MediaPlayer.volumeSet)),
    (.playback, .feature(MediaPlayer.playbackFeatures)),
  ]
  static let contact = Profile(
    category: "CONTACT_SENSOR", capabilities: [(.contactSensor, .always)])
  static let motion = Profile(category: "MOTION_SENSOR", capabilities: [(.motionSensor, .always)])

  static let rules: [String: DomainRule] = [
    "light": DomainRule(
      standard: Profile(
        category: "LIGHT",
        capabilities: power + [
          (.brightness, .colorModes(dimmableModes)), (.color, .colorModes(colorModes)),
          (.colorTemperature, .colorModes(["color_temp"])),
        ])),
    "switch": DomainRule(
      standard: Profile(category: "SWITCH", capabilities: power),
      byDeviceClass: ["outlet": Profile(category: "SMARTPLUG", capabilities: power)]),
    "input_boolean": DomainRule(standard: Profile(category: "OTHER", capabilities: power)),
    "automation": DomainRule(standard: Profile(category: "OTHER", capabilities: power)),
    "group": DomainRule(standard: Profile(category: "OTHER", capabilities: power)),
    "fan": DomainRule(
      standard: Profile(category: "FAN", capabilities: power + [(.percentage, .feature(1))])),
    "climate": DomainRule(
      standard: Profile(
        category: "THERMOSTAT",
        capabilities: [
          (.thermostat, .always), (.power, .feature(128)),
          (.temperatureSensor, .attribute("current_temperature")),
        ])),
    "cover": DomainRule(
      standard: coverProfile("OTHER"),
      byDeviceClass: Cover.categories.mapValues(coverProfile)),
    "lock": DomainRule(standard: Profile(category: "SMARTLOCK", capabilities: [(.lock, .always)])),
    "scene": DomainRule(
      standard: Profile(
        category: "SCENE_TRIGGER", capabilities: [(.scene(supportsDeactivation: false), .always)])),
    "script": DomainRule(
      standard: Profile(
        category: "ACTIVITY_TRIGGER", capabilities: [(.scene(supportsDeactivation: true), .always)])
    ),
    "button": DomainRule(
      standard: Profile(
        category: "ACTIVITY_TRIGGER", capabilities: [(.scene(supportsDeactivation: false), .always)]
      )),
    "input_button": DomainRule(
      standard: Profile(
        category: "ACTIVITY_TRIGGER", capabilities: [(.scene(supportsDeactivation: false), .always)]
      )),
    "media_player": DomainRule(
      standard: Profile(category: "OTHER", capabilities: mediaPlayer),
      byDeviceClass: [
        "tv": Profile(category: "TV", capabilities: mediaPlayer),
        "speaker": Profile(category: "SPEAKER", capabilities: mediaPlayer),
      ]),
    "sensor": DomainRule(
      standard: nil,
      byDeviceClass: [
        "temperature": Profile(
          category: "TEMPERATURE_SENSOR", capabilities: [(.temperatureSensor, .always)])
      ]),
    "binary_sensor": DomainRule(
      standard: nil,
      byDeviceClass: [
        "door": contact, "window": contact, "garage_door": contact, "opening": contact,
        "motion": motion, "occupancy": motion, "presence": motion,
      ]),
  ]

  /// The category and capabilities for `entity` (with Alexa and EndpointHealth), or nil
  /// when the entity is not exposed: unknown domain, unlisted device class, or nothing
  /// Alexa could do with it.
  static func profile(for entity: Entity) -> (category: String, capabilities: [Capability])? {
    guard let rule = rules[entity.domain],
      let profile = entity.deviceClass.flatMap({ rule.byDeviceClass[$0] }) ?? rule.standard
    else { return nil }
    let modes = Set(entity.attribute("supported_color_modes")?.array?.compactMap(\.string) ?? [])
    let chosen = profile.capabilities.compactMap { capability, condition -> Capability? in
      switch condition {
      case .always: capability
      case .colorModes(let wanted): wanted.isDisjoint(with: modes) ? nil : capability
      case .feature(let bit): entity.supportedFeatures & bit != 0 ? capability : nil
      case .featuresWithout(let bits, let absent):
        entity.supportedFeatures & bits == bits && entity.supportedFeatures & absent == 0
          ? capability : nil
      case .attribute(let name):
        (entity.attribute(name).map { !$0.isNull } ?? false) ? capability : nil
      }
    }
    guard !chosen.isEmpty else { return nil }
    return (profile.category, [.alexa] + chosen + [.endpointHealth])
  }
}
