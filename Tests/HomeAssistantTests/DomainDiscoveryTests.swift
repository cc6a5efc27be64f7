import Engine
import JSONCore
import LambdaRuntime
import Testing

@testable import HomeAssistant

/// Discovery of the domains beyond lights and switches: instance controllers, security
/// panels, timers, vacuums, valves, media inputs and channels.
@Suite struct DomainDiscoveryTests {
  /// States the demo lacks: a timer, valves, a stepping-only speaker, an alarm panel that
  /// arms without a code.
  static let extraStates: [JSON] = [
    [
      "entity_id": "timer.laundry", "state": "idle",
      "attributes": ["duration": "0:30:00", "friendly_name": "Laundry"],
    ],
    [
      "entity_id": "valve.garden", "state": "open",
      "attributes": ["current_position": 60, "supported_features": 15, "friendly_name": "Garden"],
    ],
    [
      "entity_id": "valve.main_water", "state": "closed",
      "attributes": ["supported_features": 3, "friendly_name": "Main water"],
    ],
    [
      "entity_id": "media_player.radio", "state": "on",
      "attributes": [
        // Volume step, mute, turn on, select source.
        "supported_features": 3208, "source_list": ["FM", "Bluetooth", "Spotify"],
        "friendly_name": "Radio",
      ],
    ],
    DemoStates.variant(
      DemoStates.state("alarm_control_panel.security"),
      attributes: [("code_arm_required", false)]),
  ]

  /// Interface (with instance) names of the entity's endpoint, or nil when not offered.
  static func interfaces(_ state: JSON) -> [String]? {
    guard let entity = Entity(state), let endpoint = Discovery.endpoint(for: entity) else {
      return nil
    }
    return (endpoint["capabilities"]?.array ?? []).compactMap { capability in
      let interface = capability["interface"]?.string ?? ""
      let instance = capability["instance"]?.string
      return ["Alexa", "Alexa.EndpointHealth"].contains(interface)
        ? nil : instance.map { "\(interface)/\($0)" } ?? interface
    }
  }

  static func capability(_ state: JSON, _ interface: String) -> JSON? {
    Discovery.endpoint(for: Entity(state)!)?["capabilities"]?.array?.first {
      $0["interface"]?.string == interface
    }
  }

  @Test(arguments: [
    (
      "fan.living_room_fan",
      [
        "Alexa.PowerController", "Alexa.PercentageController",
        "Alexa.RangeController/fan.percentage", "Alexa.ToggleController/fan.oscillating",
        "Alexa.ModeController/fan.direction",
      ]
    ),
    (
      "fan.preset_only_limited_fan",
      ["Alexa.PowerController", "Alexa.ModeController/fan.preset_mode"]
    ),
    (
      "humidifier.hygrostat",
      [
        "Alexa.PowerController", "Alexa.RangeController/humidifier.humidity",
        "Alexa.ModeController/humidifier.mode",
      ]
    ),
    (
      "humidifier.dehumidifier",
      ["Alexa.PowerController", "Alexa.RangeController/humidifier.humidity"]
    ),
    (
      "water_heater.demo_water_heater",
      [
        "Alexa.ThermostatController", "Alexa.ModeController/water_heater.operation_mode",
        "Alexa.PowerController",
      ]
    ),
    (
      "vacuum.0_ground_floor",
      [
        "Alexa.PowerController", "Alexa.ModeController/vacuum.fan_speed",
        "Alexa.TimeHoldController",
      ]
    ),
    ("vacuum.3_third_floor", ["Alexa.PowerController"]),
    ("input_number.target_volume", ["Alexa.RangeController/input_number.value"]),
    ("number.pwm_1", ["Alexa.RangeController/number.value"]),
    ("select.speed", ["Alexa.ModeController/select.option"]),
    (
      "cover.living_room_window",
      [
        "Alexa.PowerController", "Alexa.RangeController/cover.position",
        "Alexa.RangeController/cover.tilt", "Alexa.PlaybackController",
      ]
    ),
    ("cover.garage_door", ["Alexa.ModeController/cover.position"]),
    (
      "media_player.lounge_room",
      [
        "Alexa.PowerController", "Alexa.PlaybackController", "Alexa.PlaybackStateReporter",
        "Alexa.InputController", "Alexa.EqualizerController",
      ]
    ),
  ])
  func demoEntitiesGetTheirDomainsInterfaces(entityId: String, expected: [String]) {
    #expect(Self.interfaces(DemoStates.state(entityId)) == expected)
  }

  @Test func statesOutsideTheDemoGetTheirInterfaces() {
    let found = Self.extraStates.map(Self.interfaces)
    #expect(found[0] == ["Alexa.PowerController", "Alexa.TimeHoldController"])
    #expect(
      found[1] == [
        "Alexa.PowerController", "Alexa.RangeController/valve.position", "Alexa.PlaybackController",
      ])
    #expect(found[2] == ["Alexa.PowerController", "Alexa.ModeController/valve.position"])
    #expect(
      found[3] == [
        "Alexa.PowerController", "Alexa.StepSpeaker", "Alexa.InputController",
      ])
    #expect(found[4] == ["Alexa.SecurityPanelController"])
  }

  @Test func onlyWhatAlexaCanUseIsOffered() {
    // Arming needs a code Alexa cannot send; no vacuum features; no range; a single mode.
    #expect(Self.interfaces(DemoStates.state("alarm_control_panel.security")) == nil)
    #expect(Self.interfaces(DemoStates.state("vacuum.4_fourth_floor")) == nil)
    let flat = DemoStates.variant(
      DemoStates.state("input_number.target_volume"), attributes: [("max", 0)])
    #expect(Self.interfaces(flat) == nil)
    let oneMode = DemoStates.variant(
      DemoStates.state("select.speed"), attributes: [("options", ["light_speed"])])
    #expect(Self.interfaces(oneMode) == nil)
  }

  @Test func configurationsComeFromTheEntity() throws {
    let volume = Self.capability(
      DemoStates.state("input_number.target_volume"), "Alexa.RangeController")
    #expect(
      volume?["configuration"]?["supportedRange"] == [
        "minimumValue": 0, "maximumValue": 100, "precision": 5,
      ])
    let speeds = Self.capability(DemoStates.state("vacuum.0_ground_floor"), "Alexa.ModeController")
    #expect(
      speeds?["configuration"]?["supportedModes"]?.array?.compactMap { $0["value"]?.string } == [
        "fan_speed.min", "fan_speed.medium", "fan_speed.high", "fan_speed.max",
      ])
    #expect(speeds?["configuration"]?["ordered"] == true)
    let panel = Self.capability(Self.extraStates[4], "Alexa.SecurityPanelController")
    #expect(
      panel?["configuration"]?["supportedArmStates"] == [
        ["value": "ARMED_AWAY"], ["value": "ARMED_STAY"], ["value": "ARMED_NIGHT"],
        ["value": "DISARMED"],
      ])
    #expect(panel?["configuration"]?["supportedAuthorizationTypes"] == [["type": "FOUR_DIGIT_PIN"]])
    let inputs = Self.capability(Self.extraStates[3], "Alexa.InputController")
    #expect(
      inputs?["inputs"] == [["name": "FM"], ["name": "BLUETOOTH"]], "Spotify is no Alexa input")
    let heater = Self.capability(
      DemoStates.state("water_heater.demo_water_heater"), "Alexa.ThermostatController")
    #expect(heater?["properties"]?["supported"] == [["name": "targetSetpoint"]])
    let ranged = DemoStates.variant(
      DemoStates.state("water_heater.demo_water_heater"),
      attributes: [("target_temp_low", 45), ("target_temp_high", 55), ("supported_features", 2)])
    #expect(
      Self.capability(ranged, "Alexa.ThermostatController")?["properties"]?["supported"] == [
        ["name": "lowerSetpoint"], ["name": "upperSetpoint"],
      ], "a range without a target feature")
  }

  @Test func theWholeHomeWithEveryDomainIsSchemaValid() throws {
    let reply = Discovery.response(
      states: DemoStates.all + Self.extraStates,
      filter: EntityFilter(try HomeAssistantSettings(environment: [:])),
      logger: Logger(sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor()))
    let endpoints = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    #expect(endpoints.count >= 60)
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }
}
