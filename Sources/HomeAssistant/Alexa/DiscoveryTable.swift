import JSONCore

/// Home Assistant domain → Alexa display category and capabilities: data, not code.
///
/// Adding a domain is one entry here; its interfaces (one file each, in `Interfaces/`)
/// bring their directives. A profile's capability applies when its condition holds for
/// the entity.
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
    /// A rule of the domain's own (e.g. a vacuum's power needs a start and a stop feature).
    case when(@Sendable (Entity) -> Bool)
  }

  struct Profile: Sendable {
    let category: String
    let capabilities: [(Capability, Condition)]
  }

  struct DomainRule: Sendable {
    /// Nil: entities of the domain are exposed only for a listed device class.
    let standard: Profile?
    var byDeviceClass: [String: Profile] = [:]
    /// Profiles an owner's `alexa_display_category` chooses (a binary sensor shown as a
    /// doorbell), before the device class.
    var byCategory: [String: Profile] = [:]
    /// Profiles by `unit_of_measurement` (a sensor in °C is a temperature sensor), after
    /// the device class.
    var byUnit: [String: Profile] = [:]

    /// Every profile of the rule.
    var profiles: [Profile] {
      [standard].compactMap { $0 } + Array(byDeviceClass.values) + Array(byCategory.values)
        + Array(byUnit.values)
    }

    /// The profile for `entity` with the owner's `category`: category, device class,
    /// unit, then the domain's own.
    func profile(for entity: Entity, category: String?) -> Profile? {
      category.flatMap { byCategory[$0] } ?? entity.deviceClass.flatMap { byDeviceClass[$0] }
        ?? (byUnit.isEmpty
          ? nil : entity.attribute("unit_of_measurement")?.string.flatMap { byUnit[$0] })
        ?? standard
    }
  }

  static let dimmableModes: Set<String> = [
    "brightness", "color_temp", "hs", "xy", "rgb", "rgbw", "rgbww", "white",
  ]
  static let colorModes: Set<String> = ["hs", "xy", "rgb", "rgbw", "rgbww"]

  static let power = [(Capability.power, Condition.always)]
  /// Anything that is only on or off (alerts, automations, groups).
  static let onOff = DomainRule(standard: Profile(category: "OTHER", capabilities: power))
  /// A switch's on/off is also a contact Alexa routines can start from ("when this Home
  /// Assistant switch turns on, announce…"), as Home Assistant's integration offers.
  static let switchable = power + [(Capability.contactSensor, Condition.always)]
  /// Position and tilt when the cover can be set to a percentage; open/closed otherwise.
  /// The cover's own opening comes before its tilt: the first of them holds "open" and
  /// "close" (`AlexaInterface.hasSemantics`).
  static func coverProfile(_ category: String, power: Bool = true) -> Profile {
    let openClose: [(Capability, Condition)] = [
      (.instance(RangeController.coverPosition), .feature(CoverFeature.setPosition)),
      (
        .instance(ModeController.coverOpenClosed),
        .featuresWithout(CoverFeature.openAndClose, absent: CoverFeature.setPosition)
      ),
      (.instance(RangeController.coverTilt), .feature(CoverFeature.setTiltPosition)),
      (.playback, .feature(CoverFeature.stop)),
    ]
    return Profile(
      category: category,
      capabilities: (power ? [(.power, .when(PowerController.coverHasPower))] : []) + openClose)
  }
  static let coverRule = DomainRule(
    standard: coverProfile("OTHER"),
    byDeviceClass: Dictionary(
      uniqueKeysWithValues: Cover.categories.map { deviceClass, category in
        (deviceClass, coverProfile(category, power: !Cover.withoutPower.contains(deviceClass)))
      }))
  static let valve = Profile(
    category: "OTHER",
    capabilities: [
      (.power, .feature(CoverFeature.openAndClose)),
      (.instance(RangeController.valvePosition), .feature(CoverFeature.setPosition)),
      (
        .instance(ModeController.valveOpenClosed),
        .featuresWithout(CoverFeature.openAndClose, absent: CoverFeature.setPosition)
      ),
      (.playback, .feature(CoverFeature.stop)),
    ])

  static let mediaPlayer: [(Capability, Condition)] = [
    (.power, .when(PowerController.mediaPlayerHasPower)),
    (.speaker, .feature(MediaPlayerFeature.volumeSet)),
    (.stepSpeaker, .when(StepSpeaker.isOffered)),
    (.playback, .feature(PlaybackController.features)),
    (.playbackState, .feature(PlaybackController.features)),
    (.input, .when(InputController.hasInputs)), (.channel, .feature(MediaPlayerFeature.playMedia)),
    (.seek, .feature(MediaPlayerFeature.seek)), (.equalizer, .when(EqualizerController.isOffered)),
  ]
  static func value(_ domain: String) -> DomainRule {
    DomainRule(
      standard: Profile(
        category: "OTHER", capabilities: [(.instance(RangeController.value(domain)), .always)]))
  }
  static func option(_ domain: String) -> DomainRule {
    DomainRule(
      standard: Profile(
        category: "OTHER", capabilities: [(.instance(ModeController.option(domain)), .always)]
      ))
  }
  /// Buttons: activated like a scene, and each press starts a routine too (Home
  /// Assistant's integration offers the same).
  static let pressable = DomainRule(
    standard: Profile(
      category: "ACTIVITY_TRIGGER",
      capabilities: [(.scene(supportsDeactivation: false), .always), (.eventDetection, .always)]))
  static let contact = Profile(
    category: "CONTACT_SENSOR", capabilities: [(.contactSensor, .always)])
  static let motion = Profile(category: "MOTION_SENSOR", capabilities: [(.motionSensor, .always)])
  static let doorbell = Profile(category: "DOORBELL", capabilities: [(.doorbell, .always)])

  static let rules: [String: DomainRule] = [
    "light": DomainRule(
      standard: Profile(
        category: "LIGHT",
        capabilities: power + [
          (.brightness, .colorModes(dimmableModes)), (.color, .colorModes(colorModes)),
          (.colorTemperature, .colorModes(["color_temp"])),
        ])),
    "switch": DomainRule(
      standard: Profile(category: "SWITCH", capabilities: switchable),
      byDeviceClass: ["outlet": Profile(category: "SMARTPLUG", capabilities: switchable)]),
    "input_boolean": DomainRule(standard: Profile(category: "OTHER", capabilities: switchable)),
    "alert": onOff, "automation": onOff, "group": onOff,
    "remote": DomainRule(
      standard: Profile(
        category: "REMOTE",
        capabilities: power + [
          (.instance(ModeController.remoteActivity), .feature(RemoteFeature.activity))
        ])),
    // A camera's face or person count: a presence Alexa routines can start from.
    "image_processing": DomainRule(
      standard: Profile(category: "CAMERA", capabilities: [(.eventDetection, .always)])),
    "fan": DomainRule(
      standard: Profile(
        category: "FAN",
        capabilities: power + [
          (.percentage, .feature(FanFeature.setSpeed)),
          (.instance(RangeController.fanSpeed), .feature(FanFeature.setSpeed)),
          (.instance(RangeController.fanOnOff), .when(RangeController.fanHasOnlyOnOff)),
          (.instance(ToggleController.fanOscillation), .feature(FanFeature.oscillate)),
          (.instance(ModeController.fanDirection), .feature(FanFeature.direction)),
          (.instance(ModeController.fanPreset), .feature(FanFeature.presetMode)),
        ])),
    "climate": DomainRule(
      standard: Profile(
        category: "THERMOSTAT",
        capabilities: [
          (.thermostat, .always), (.power, .when(PowerController.climateHasPower)),
          (.temperatureSensor, .attribute("current_temperature")),
        ])),
    "water_heater": DomainRule(
      standard: Profile(
        category: "WATER_HEATER",
        capabilities: [
          (.thermostat, .when(ThermostatController.waterHeaterHasSetpoint)),
          (.instance(ModeController.waterHeaterMode), .feature(WaterHeaterFeature.operationMode)),
          (.power, .feature(WaterHeaterFeature.onOff)),
          (.temperatureSensor, .attribute("current_temperature")),
        ])),
    "humidifier": DomainRule(
      standard: Profile(
        category: "OTHER",
        capabilities: power + [
          (.instance(RangeController.humidifierTarget), .always),
          (.instance(ModeController.humidifierMode), .feature(HumidifierFeature.modes)),
        ])),
    "vacuum": DomainRule(
      standard: Profile(
        category: "VACUUM_CLEANER",
        capabilities: [
          (.power, .when(PowerController.vacuumHasPower)),
          (.instance(ModeController.vacuumFanSpeed), .feature(VacuumFeature.fanSpeed)),
          (.timeHold, .when(TimeHoldController.vacuumCanHold)),
        ])),
    "timer": DomainRule(
      standard: Profile(category: "OTHER", capabilities: power + [(.timeHold, .always)])),
    "alarm_control_panel": DomainRule(
      standard: Profile(
        category: "SECURITY_PANEL",
        capabilities: [(.securityPanel, .when(SecurityPanelController.isOffered))]
      )),
    "input_number": value("input_number"), "number": value("number"),
    "input_select": option("input_select"), "select": option("select"),
    "cover": coverRule,
    "valve": DomainRule(standard: valve),
    "lock": DomainRule(standard: Profile(category: "SMARTLOCK", capabilities: [(.lock, .always)])),
    "scene": DomainRule(
      standard: Profile(
        category: "SCENE_TRIGGER", capabilities: [(.scene(supportsDeactivation: false), .always)])),
    "script": DomainRule(
      standard: Profile(
        category: "ACTIVITY_TRIGGER", capabilities: [(.scene(supportsDeactivation: true), .always)])
    ),
    "button": pressable, "input_button": pressable,
    "media_player": DomainRule(
      standard: Profile(category: "OTHER", capabilities: mediaPlayer),
      byDeviceClass: [
        "tv": Profile(category: "TV", capabilities: mediaPlayer),
        "speaker": Profile(category: "SPEAKER", capabilities: mediaPlayer),
      ]),
    // A sensor is a temperature sensor by its unit, whatever its device class.
    "sensor": DomainRule(
      standard: nil,
      byUnit: Dictionary(
        uniqueKeysWithValues: ["°C", "°F", "K"].map {
          (
            $0,
            Profile(category: "TEMPERATURE_SENSOR", capabilities: [(.temperatureSensor, .always)])
          )
        })),
    "binary_sensor": DomainRule(
      standard: nil,
      byDeviceClass: [
        "door": contact, "window": contact, "garage_door": contact, "opening": contact,
        "motion": motion, "occupancy": motion, "presence": motion,
      ],
      byCategory: ["CONTACT_SENSOR": contact, "MOTION_SENSOR": motion, "DOORBELL": doorbell]),
    // Home Assistant's event entities: a doorbell's presses (its state is the time of the
    // last one), or any event entity the owner shows as a DOORBELL.
    "event": DomainRule(
      standard: nil, byDeviceClass: ["doorbell": doorbell], byCategory: ["DOORBELL": doorbell]),
  ]

  /// Every interface some profile can announce (`AlexaInterfaces.all` must be the same).
  static let announceable: [Capability] = rules.values.flatMap { rule in
    rule.profiles.flatMap { $0.capabilities.map(\.0) }
  }

  /// Whether the entity's domain (and device class, unit or category) has a rule at all.
  static func hasRule(for entity: Entity) -> Bool {
    rules[entity.domain]?.profile(
      for: entity, category: EntityCustomization.displayCategory(of: entity)) != nil
  }

  /// Every property `entity` reports (Response, StateReport, ChangeReport); EndpointHealth
  /// alone for an entity that is no endpoint.
  static func properties(of entity: Entity, at time: String) -> [JSON] {
    (profile(for: entity)?.capabilities ?? [.endpointHealth]).flatMap {
      $0.properties(of: entity, at: time)
    }
  }

  /// The category and capabilities for `entity` (with Alexa and EndpointHealth), or nil
  /// when the entity is not exposed: unknown domain, unlisted device class, or nothing
  /// Alexa could do with it.
  static func profile(for entity: Entity, category: String?? = nil)
    -> (category: String, capabilities: [Capability])?
  {
    // The owner's category when the caller already read it (discovery does).
    let category = category ?? EntityCustomization.displayCategory(of: entity)
    guard let profile = rules[entity.domain]?.profile(for: entity, category: category) else {
      return nil
    }
    let features = entity.supportedFeatures
    var colorModes: Set<String>? = nil  // read only for lights
    var chosen: [Capability] = [.alexa]
    chosen.reserveCapacity(profile.capabilities.count + 2)
    for (capability, condition) in profile.capabilities {
      let holds: Bool
      switch condition {
      case .always: holds = true
      case .colorModes(let wanted):
        let modes =
          colorModes
          ?? Set(entity.attribute("supported_color_modes")?.array?.compactMap(\.string) ?? [])
        colorModes = modes
        holds = !wanted.isDisjoint(with: modes)
      case .feature(let bit): holds = features & bit != 0
      case .featuresWithout(let bits, let absent):
        holds = features & bits == bits && features & absent == 0
      case .attribute(let name): holds = entity.attribute(name).map { !$0.isNull } ?? false
      case .when(let rule): holds = rule(entity)
      }
      if !holds { continue }
      if !capability.isExpressible(for: entity) { continue }
      chosen.append(capability)
    }
    guard chosen.count > 1 else { return nil }
    chosen.append(.endpointHealth)
    return (category ?? profile.category, chosen)
  }
}
