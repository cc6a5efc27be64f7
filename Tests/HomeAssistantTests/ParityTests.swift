import Engine
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// What Home Assistant's own integration offers that discovery did not: alerts, switches
/// and input booleans as contact sensors for routines, power for players that play and
/// stop. Each with the service call it makes and, where it reports state, its ChangeReport.
@Suite struct ParityTests {
  static let states: [JSON] = [
    DiscoveryRulesTests.state("alert.freezer_door", "on"),
    DiscoveryRulesTests.state(
      "media_player.kitchen_radio", "idle",
      [
        "supported_features": JSON(
          MediaPlayerFeature.play | MediaPlayerFeature.stop | MediaPlayerFeature.pause)
      ]),
    DiscoveryRulesTests.state("switch.fountain", "off"),
    DiscoveryRulesTests.state("input_boolean.guest_mode", "off"),
  ]

  private func home() throws -> FakeHome { try FakeHome(serving: Self.states) }

  private func interfaces(_ endpointId: String) throws -> [String] {
    let reply = try NativeHarness.run(
      try home(), NativeHarness.directive("Alexa.Discovery", "Discover", endpointId))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let endpoint = reply["event"]?["payload"]?["endpoints"]?.array?.first {
      $0["endpointId"]?.string == endpointId
    }
    return (endpoint?["capabilities"]?.array ?? []).compactMap { $0["interface"]?.string }
  }

  @Test(arguments: [
    ("alert#freezer_door", "Alexa.PowerController"),
    ("media_player#kitchen_radio", "Alexa.PowerController"),
    ("switch#fountain", "Alexa.ContactSensor"), ("input_boolean#guest_mode", "Alexa.ContactSensor"),
  ])
  func discoveryOffersWhatHomeAssistantsIntegrationOffers(endpointId: String, interface: String)
    throws
  {
    #expect(try interfaces(endpointId).contains(interface))
  }

  @Test(arguments: [
    ("alert#freezer_door", "TurnOff", "alert/turn_off"),
    ("media_player#kitchen_radio", "TurnOn", "media_player/media_play"),
    ("media_player#kitchen_radio", "TurnOff", "media_player/media_stop"),
  ])
  func powerMakesTheDomainsCall(endpointId: String, name: String, path: String) throws {
    let home = try home()
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.PowerController", name, endpointId))
    #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
    #expect(home.serviceCalls.map(\.0) == ["/api/services/\(path)"])
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func aSwitchTurnedOnIsAContactRoutinesCanStartFrom() throws {
    let cloud = try FakeAlexaCloud()
    let gateway = try NativeHarness.eventsGateway(try home(), cloud)
    let reply = try NativeHarness.answer(
      gateway,
      AlexaEventsTests.push("switch.fountain", "on", attributes: ["friendly_name": "Fountain"]))
    #expect(reply["statusCode"] == 202)
    let event = try #require(try cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    let changed = FakeAlexaCloud.changed(event)
    #expect(
      Set(changed.compactMap { $0["namespace"]?.string }) == [
        "Alexa.PowerController", "Alexa.ContactSensor",
      ])
    #expect(changed.first { $0["name"] == "detectionState" }?["value"] == "DETECTED")
  }
}

/// "Alexa, set the heating to 22" with the thermostat off: TurnOn restores the mode the
/// climate last had, from Home Assistant's history, instead of `climate.turn_on`'s guess.
@Suite struct ClimateResumeTests {
  static let thermostat = DiscoveryRulesTests.state(
    "climate.hall", "off",
    [
      "hvac_modes": ["off", "heat", "cool", "heat_cool"], "temperature": 20,
      "current_temperature": 18,
      "supported_features": JSON(
        ClimateFeature.targetTemperature | ClimateFeature.turnOn | ClimateFeature.turnOff),
    ])

  private func turnOn(history: [JSON]?) throws -> FakeHome {
    let home = try FakeHome()
    home.states["climate.hall"] = Self.thermostat
    if let history { home.history["climate.hall"] = history }
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.PowerController", "TurnOn", "climate#hall"))
    #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
    #expect(try AlexaSchema.problems([reply]) == [nil])
    return home
  }

  @Test func turnOnRestoresTheLastModeInTheHistory() throws {
    let home = try turnOn(history: [
      ["state": "heat_cool", "last_changed": "2026-12-01T08:00:00+00:00"],
      ["state": "heat", "last_changed": "2026-12-05T08:00:00+00:00"],
      ["state": "off", "last_changed": "2026-12-06T22:00:00+00:00"],
    ])
    #expect(
      home.serviceCalls.map(\.0) == ["/api/services/climate/set_hvac_mode"],
      "\(home.serviceCalls)")
    #expect(home.serviceCalls.first?.1 == ["hvac_mode": "heat", "entity_id": "climate.hall"])
    let asked = try #require(home.historyRequests.first)
    #expect(asked.contains("filter_entity_id=climate.hall") && asked.contains("minimal_response"))
    #expect(
      asked.contains("&end_time="), "without an end Home Assistant stops a day after the start")
  }

  @Test func withoutHistoryTurnOnIsHomeAssistantsTurnOn() throws {
    let home = try turnOn(history: nil)
    #expect(home.serviceCalls.map(\.0) == ["/api/services/climate/turn_on"])
  }

  @Test func aClimateWithoutTurnOnGetsAUsualModeAndTurnOffItsOffMode() throws {
    var state = Self.thermostat.object ?? JSONObject()
    var attributes = state["attributes"]?.object ?? JSONObject()
    attributes["supported_features"] = JSON(ClimateFeature.targetTemperature)
    state["attributes"] = .object(attributes)
    let entity = try #require(Entity(.object(state)))
    #expect(ClimateResume.turnOn(entity).data["hvac_mode"] == "heat_cool")
    #expect(ClimateResume.turnOff(entity).data["hvac_mode"] == "off")
    #expect(ClimateResume.turnOff(Entity(Self.thermostat)).service == "turn_off")
  }
}

/// Manufacturer and model from the same template call as the areas: Alexa's
/// `additionalAttributes`.
@Suite struct DeviceFactsTests {
  @Test func manufacturerAndModelBecomeAdditionalAttributes() throws {
    let home = try FakeHome()
    home.allStates = [
      DiscoveryRulesTests.state("light.porch", "on", ["supported_color_modes": ["onoff"]]),
      DiscoveryRulesTests.state("switch.pump", "off"),
    ]
    home.template =
      #"[["light.porch", "Garden", "Signify", "Hue outdoor"], ["switch.pump", null, "Shelly", null]]"#
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.Discovery", "Discover", "light#porch"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let endpoints = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    let porch = endpoints.first { $0["endpointId"] == "light#porch" }
    #expect(porch?["additionalAttributes"] == ["manufacturer": "Signify", "model": "Hue outdoor"])
    #expect(porch?["description"] == "Garden · light via Home Assistant")
    let pump = endpoints.first { $0["endpointId"] == "switch#pump" }
    #expect(pump?["additionalAttributes"] == ["manufacturer": "Shelly"])
    let template = home.upstream.requests.first { $0.requestLine?.target == "/api/template" }
    let asked = String(decoding: template?.body ?? [], as: UTF8.self)
    #expect(asked.contains("device_attr"))
  }
}

/// Remotes with activities, image processing and button presses, as Home Assistant's
/// integration offers them.
@Suite struct DetectionAndRemoteTests {
  static let states: [JSON] = [
    DiscoveryRulesTests.state(
      "remote.living_room", "on",
      [
        "supported_features": JSON(RemoteFeature.activity),
        "activity_list": ["Watch TV", "Play Music"], "current_activity": "Watch TV",
      ]),
    DiscoveryRulesTests.state("image_processing.front_door_people", "0"),
    DiscoveryRulesTests.state("input_button.good_night", "unknown"),
  ]

  private func home() throws -> FakeHome { try FakeHome(serving: Self.states) }

  @Test func discoveryOffersThemWithTheirCategories() throws {
    let reply = try NativeHarness.run(
      try home(), NativeHarness.directive("Alexa.Discovery", "Discover", "remote#living_room"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    var found: [String: (String, [String])] = [:]
    for endpoint in reply["event"]?["payload"]?["endpoints"]?.array ?? [] {
      let interfaces = (endpoint["capabilities"]?.array ?? []).compactMap {
        $0["interface"]?.string
      }
      found[endpoint["endpointId"]?.string ?? ""] = (
        endpoint["displayCategories"]?[0]?.string ?? "", interfaces
      )
    }
    #expect(found["remote#living_room"]?.0 == "REMOTE")
    #expect(found["remote#living_room"]?.1.contains("Alexa.ModeController") == true)
    #expect(found["image_processing#front_door_people"]?.0 == "CAMERA")
    #expect(
      found["image_processing#front_door_people"]?.1.contains("Alexa.EventDetectionSensor") == true)
    #expect(found["input_button#good_night"]?.1.contains("Alexa.EventDetectionSensor") == true)
  }

  @Test func anActivityIsStartedWithRemoteTurnOn() throws {
    let home = try home()
    let reply = try NativeHarness.run(
      home,
      NativeHarness.directive(
        "Alexa.ModeController", "SetMode", "remote#living_room",
        payload: ["mode": "activity.Play Music"], instance: "remote.activity"))
    #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
    #expect(home.serviceCalls.map(\.0) == ["/api/services/remote/turn_on"])
    #expect(
      home.serviceCalls.first?.1 == ["activity": "Play Music", "entity_id": "remote.living_room"])
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  /// A person seen and a button pressed reach Alexa as detections; a button coming back
  /// with its last press time does not.
  @Test func detectionsArePushedAndAButtonComingBackIsNoPress() throws {
    let cloud = try FakeAlexaCloud()
    let gateway = try NativeHarness.eventsGateway(try home(), cloud)
    func push(_ entityId: String, _ state: String, old: String?) throws -> Int {
      let reply = try NativeHarness.answer(
        gateway, AlexaEventsTests.push(entityId, state, attributes: [:], old: old))
      return reply["statusCode"]?.int ?? 0
    }
    #expect(try push("image_processing.front_door_people", "2", old: "0") == 202)
    let pressedAt = Clock.iso8601()
    #expect(try push("input_button.good_night", pressedAt, old: "unknown") == 202)
    _ = try push("input_button.good_night", pressedAt, old: "unavailable")  // connectivity only
    let events = try cloud.events()
    #expect(events.allSatisfy { $0["verdict"] == 202 }, "\(events)")
    let detections = events.filter {
      FakeAlexaCloud.changed($0).contains {
        $0["name"] == "humanPresenceDetectionState" && $0["value"]?["value"] == "DETECTED"
      }
    }
    #expect(detections.count == 2, "\(events)")
  }
}

/// A fan with only on and off gets a 0–1 range beside its power (Home Assistant's
/// workaround for Alexa, PR 56053): 1 turns it on, 0 off; 2 is out of range.
@Suite struct OnOffFanTests {
  static let fan = DiscoveryRulesTests.state("fan.attic", "off", ["supported_features": 0])

  private func run(_ event: JSON) throws -> (FakeHome, JSON) {
    try NativeHarness.runChecked(event, serving: [Self.fan])
  }

  @Test func anOnOffFanIsOfferedARangeThatTurnsItOnAndOff() throws {
    let (_, discovery) = try run(
      NativeHarness.directive("Alexa.Discovery", "Discover", "fan#attic"))
    let capabilities =
      discovery["event"]?["payload"]?["endpoints"]?[0]?["capabilities"]?.array ?? []
    let instances = capabilities.compactMap { $0["instance"]?.string }
    #expect(instances == ["fan.power"])
    for (value, path) in [(1, "fan/turn_on"), (0, "fan/turn_off")] {
      let (home, reply) = try run(
        NativeHarness.directive(
          "Alexa.RangeController", "SetRangeValue", "fan#attic",
          payload: ["rangeValue": JSON(value)],
          instance: "fan.power"))
      #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
      #expect(home.serviceCalls.map(\.0) == ["/api/services/\(path)"])
    }
    let (home, refused) = try run(
      NativeHarness.directive(
        "Alexa.RangeController", "SetRangeValue", "fan#attic", payload: ["rangeValue": 2],
        instance: "fan.power"))
    #expect(refused["event"]?["payload"]?["type"] == "VALUE_OUT_OF_RANGE")
    #expect(home.serviceCalls.isEmpty)
  }
}

/// "Skip forward 30 seconds" and "set the soundbar to movie mode".
@Suite struct SeekAndEqualizerTests {
  static let soundbar = DiscoveryRulesTests.state(
    "media_player.soundbar", "playing",
    [
      "supported_features": JSON(
        MediaPlayerFeature.play | MediaPlayerFeature.pause | MediaPlayerFeature.seek
          | MediaPlayerFeature.selectSoundMode),
      "media_position": 100, "media_duration": 200,
      "sound_mode_list": ["Movie", "Music", "Pure Direct"], "sound_mode": "Movie",
    ])

  private func run(_ event: JSON) throws -> (FakeHome, JSON) {
    try NativeHarness.runChecked(event, serving: [Self.soundbar])
  }

  @Test func discoveryOffersSeekAndTheModesAlexaCanName() throws {
    let (_, reply) = try run(
      NativeHarness.directive("Alexa.Discovery", "Discover", "media_player#soundbar"))
    let capabilities = (reply["event"]?["payload"]?["endpoints"]?[0]?["capabilities"]?.array ?? [])
      .map(\.resolved)
    #expect(capabilities.contains { $0["interface"] == "Alexa.SeekController" })
    let equalizer = capabilities.first { $0["interface"] == "Alexa.EqualizerController" }
    #expect(
      equalizer?["configurations"]?["modes"]?["supported"] == [
        ["name": "MOVIE"], ["name": "MUSIC"],
      ])
    let entity = try #require(Entity(Self.soundbar))
    let mode = DiscoveryTable.properties(of: entity, at: "t").first {
      $0["namespace"] == "Alexa.EqualizerController"
    }
    #expect(mode?["value"] == "MOVIE")
  }

  @Test(arguments: [(30_000, 130), (-200_000, 0), (500_000, 200)])
  func seekingMovesFromWhereThePlayerIs(delta: Int, position: Int) throws {
    let (home, reply) = try run(
      NativeHarness.directive(
        "Alexa.SeekController", "AdjustSeekPosition", "media_player#soundbar",
        payload: ["deltaPositionMilliseconds": JSON(delta)]))
    #expect(reply["event"]?["header"]?["name"] == "StateReport", "\(reply)")
    #expect(
      reply["event"]?["payload"]?["properties"]?[0]?["value"] == JSON(position * 1000))
    #expect(home.serviceCalls.map(\.0) == ["/api/services/media_player/media_seek"])
    #expect(home.serviceCalls.first?.1["seek_position"]?.number == Double(position))
  }

  @Test func aSoundModeIsSelectedByItsHomeAssistantName() throws {
    let (home, reply) = try run(
      NativeHarness.directive(
        "Alexa.EqualizerController", "SetMode", "media_player#soundbar",
        payload: ["mode": "MUSIC"]))
    #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
    #expect(home.serviceCalls.first?.1["sound_mode"] == "Music")
    let (refusedHome, refused) = try run(
      NativeHarness.directive(
        "Alexa.EqualizerController", "SetMode", "media_player#soundbar",
        payload: ["mode": "NIGHT"]))
    #expect(refused["event"]?["payload"]?["type"] == "INVALID_VALUE")
    #expect(refusedHome.serviceCalls.isEmpty)
  }
}
