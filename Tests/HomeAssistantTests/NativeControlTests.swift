import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// Native control against a fake Home Assistant that answers like the real one.
@Suite struct NativeControlTests {
  struct Case: Sendable, CustomStringConvertible {
    let namespace: String
    let name: String
    let endpoint: String
    let payload: JSON
    let path: String
    let data: JSON
    var description: String { "\(namespace).\(name)" }
  }

  static let cases: [Case] = [
    Case(
      namespace: "Alexa.PowerController", name: "TurnOn", endpoint: "light#kitchen_lights",
      payload: [:],
      path: "/api/services/light/turn_on", data: ["entity_id": "light.kitchen_lights"]),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOff", endpoint: "group#all", payload: [:],
      path: "/api/services/homeassistant/turn_off", data: ["entity_id": "group.all"]),
    Case(
      namespace: "Alexa.BrightnessController", name: "SetBrightness",
      endpoint: "light#kitchen_lights",
      payload: ["brightness": 40], path: "/api/services/light/turn_on",
      data: ["brightness_pct": 40, "entity_id": "light.kitchen_lights"]),
    Case(
      namespace: "Alexa.BrightnessController", name: "AdjustBrightness",
      endpoint: "light#kitchen_lights",
      payload: ["brightnessDelta": -25], path: "/api/services/light/turn_on",
      data: ["brightness_step_pct": -25, "entity_id": "light.kitchen_lights"]),
    Case(
      namespace: "Alexa.ColorController", name: "SetColor", endpoint: "light#kitchen_lights",
      payload: ["color": ["hue": 120, "saturation": 0.5, "brightness": 1]],
      path: "/api/services/light/turn_on",
      data: ["hs_color": [120, 50], "entity_id": "light.kitchen_lights"]),
    Case(
      namespace: "Alexa.ColorTemperatureController", name: "SetColorTemperature",
      endpoint: "light#kitchen_lights",
      payload: ["colorTemperatureInKelvin": 2700], path: "/api/services/light/turn_on",
      data: ["color_temp_kelvin": 2700, "entity_id": "light.kitchen_lights"]),
    Case(
      namespace: "Alexa.PercentageController", name: "AdjustPercentage",
      endpoint: "fan#living_room_fan",
      payload: ["percentageDelta": -20], path: "/api/services/fan/decrease_speed",
      data: ["percentage_step": 20, "entity_id": "fan.living_room_fan"]),
    Case(
      namespace: "Alexa.LockController", name: "Lock", endpoint: "lock#front_door", payload: [:],
      path: "/api/services/lock/lock", data: ["entity_id": "lock.front_door"]),
    Case(
      namespace: "Alexa.SceneController", name: "Activate", endpoint: "input_button#doorbell_test",
      payload: [:],
      path: "/api/services/input_button/press", data: ["entity_id": "input_button.doorbell_test"]),
    Case(
      namespace: "Alexa.Speaker", name: "SetVolume", endpoint: "media_player#walkman",
      payload: ["volume": 40],
      path: "/api/services/media_player/volume_set",
      data: ["volume_level": 0.4, "entity_id": "media_player.walkman"]),
    Case(
      namespace: "Alexa.Speaker", name: "SetMute", endpoint: "media_player#walkman",
      payload: ["mute": true],
      path: "/api/services/media_player/volume_mute",
      data: ["is_volume_muted": true, "entity_id": "media_player.walkman"]),
    Case(
      namespace: "Alexa.Speaker", name: "AdjustVolume", endpoint: "media_player#walkman",
      payload: ["volume": -25, "volumeDefault": false],
      path: "/api/services/media_player/volume_set",
      data: ["volume_level": 0.75, "entity_id": "media_player.walkman"]),
    Case(
      namespace: "Alexa.PlaybackController", name: "Pause", endpoint: "media_player#walkman",
      payload: [:],
      path: "/api/services/media_player/media_pause", data: ["entity_id": "media_player.walkman"]),
    Case(
      namespace: "Alexa.PlaybackController", name: "Previous", endpoint: "media_player#walkman",
      payload: [:],
      path: "/api/services/media_player/media_previous_track",
      data: ["entity_id": "media_player.walkman"]),
  ]

  @Test(arguments: cases)
  func eachDirectiveMakesTheRightServiceCall(_ test: Case) throws {
    let home = try FakeHome()
    let entityId = test.endpoint.replacing("#", with: ".")
    let known = DemoStates.state(entityId)
    home.states[entityId] =
      known.isNull ? ["entity_id": .string(entityId), "state": "on", "attributes": [:]] : known
    let reply = try NativeHarness.run(
      home, NativeHarness.directive(test.namespace, test.name, test.endpoint, payload: test.payload)
    )
    #expect(home.serviceCalls.first?.0 == test.path)
    #expect(home.serviceCalls.first?.1 == test.data)
    #expect(reply["event"]?["payload"]?["type"] == nil, "\(reply)")
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func theReplyCarriesTheStateTheCallReturnedNotTheOldOne() throws {
    let home = try FakeHome()
    let before = DemoStates.variant(
      DemoStates.state("light.kitchen_lights"), state: "on", attributes: [("brightness", 255)])
    home.states["light.kitchen_lights"] = before
    home.changed = [DemoStates.variant(before, state: "on", attributes: [("brightness", 102)])]
    let gateway = try NativeHarness.gateway(home)
    let directive = NativeHarness.directive(
      "Alexa.BrightnessController", "SetBrightness", "light#kitchen_lights",
      payload: ["brightness": 40])
    // The first directive for the entity also reads what discovery offers it (cached).
    _ = try NativeHarness.answer(gateway, directive)
    let requestsBefore = home.upstream.requests.count
    let reply = try NativeHarness.answer(gateway, directive)
    #expect(NativeHarness.properties(reply)["brightness"] == 40)
    #expect(NativeHarness.properties(reply)["powerState"] == "ON")
    #expect(home.upstream.requests.count - requestsBefore == 1, "one round trip: the service call")
  }

  @Test func whenTheCallReturnsNoStateTheEntityIsReadAgain() throws {
    let home = try FakeHome()
    home.states["lock.front_door"] = DemoStates.variant(
      DemoStates.state("lock.front_door"), state: "locked", attributes: [])
    // A warm gateway: the first directive for an entity also reads what it is offered.
    let gateway = try NativeHarness.gateway(home)
    let lock = NativeHarness.directive("Alexa.LockController", "Lock", "lock#front_door")
    _ = try NativeHarness.answer(gateway, lock)
    let warm = home.upstream.requests.count
    let reply = try NativeHarness.answer(gateway, lock)
    #expect(NativeHarness.properties(reply)["lockState"] == "LOCKED")
    #expect(
      home.upstream.requests.dropFirst(warm).map { $0.requestLine?.method ?? "" } == [
        "POST", "GET",
      ])
  }

  @Test func errorsAreTheOnesAlexaExpects() throws {
    let home = try FakeHome()
    home.states["light.broken"] = [
      "entity_id": "light.broken", "state": "unavailable", "attributes": [:],
    ]
    home.states["light.kitchen_lights"] = DemoStates.state("light.kitchen_lights")
    let cases: [(JSON, String)] = [
      (NativeHarness.directive("Alexa", "ReportState", "light#missing"), "NO_SUCH_ENDPOINT"),
      (NativeHarness.directive("Alexa", "ReportState", "not-an-id"), "NO_SUCH_ENDPOINT"),
      (NativeHarness.directive("Alexa", "ReportState", "light#broken"), "ENDPOINT_UNREACHABLE"),
      (
        NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#broken"),
        "ENDPOINT_UNREACHABLE"
      ),
      (
        NativeHarness.directive(
          "Alexa.BrightnessController", "SetBrightness", "light#kitchen_lights",
          payload: ["brightness": 101]), "VALUE_OUT_OF_RANGE"
      ),
      (
        NativeHarness.directive(
          "Alexa.BrightnessController", "SetBrightness", "light#kitchen_lights"),
        "INVALID_VALUE"
      ),
      (
        NativeHarness.directive("Alexa.LockController", "Lock", "light#kitchen_lights"),
        "INVALID_DIRECTIVE"
      ),
      (
        NativeHarness.directive("Alexa.RangeController", "SetRangeValue", "cover#hall_window"),
        "INVALID_DIRECTIVE"
      ),
    ]
    var replies: [JSON] = []
    for (event, expected) in cases {
      let reply = try NativeHarness.run(home, event)
      #expect(reply["event"]?["payload"]?["type"] == .string(expected), "\(event)")
      #expect(reply["event"]?["header"]?["correlationToken"] == "ct")
      replies.append(reply)
    }
    #expect(
      replies[4]["event"]?["payload"]?["validRange"] == ["minimumValue": 0, "maximumValue": 100])
    home.status = 401
    replies.append(
      try NativeHarness.run(
        home, NativeHarness.directive("Alexa", "ReportState", "light#kitchen_lights")))
    #expect(replies.last?["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(try AlexaSchema.problems(replies) == Array(repeating: nil, count: replies.count))
  }

  @Test func reportStateHasEveryPropertyOfTheEntitysInterfaces() throws {
    let home = try FakeHome()
    home.states["light.kitchen_lights"] = DemoStates.state("light.kitchen_lights")
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa", "ReportState", "light#kitchen_lights"))
    #expect(reply["event"]?["header"]?["name"] == "StateReport")
    var expected: Set<String> = ["powerState", "brightness", "color", "connectivity"]
    if DemoStates.state("light.kitchen_lights")["attributes"]?["color_temp_kelvin"]?.number != nil {
      expected.insert("colorTemperatureInKelvin")
    }
    #expect(Set(NativeHarness.properties(reply).keys) == expected)
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func acceptGrantIsStoredByHomeAssistantOrAnsweredWhenItHasNoAlexaIntegration() throws {
    let grant: JSON = [
      "directive": [
        "header": [
          "namespace": "Alexa.Authorization", "name": "AcceptGrant", "messageId": "m",
          "payloadVersion": "3",
        ],
        "payload": [
          "grant": ["type": "OAuth2.AuthorizationCode", "code": "c"],
          "grantee": ["type": "BearerToken", "token": "linked"],
        ],
      ]
    ]
    let home = try FakeHome()  // no /api/alexa/smart_home: 404
    let reply = try NativeHarness.run(home, grant)
    #expect(reply["event"]?["header"]?["name"] == "AcceptGrant.Response")
    home.status = 500
    let failed = try NativeHarness.run(home, grant)
    #expect(failed["event"]?["payload"]?["type"] == "ACCEPT_GRANT_FAILED")
    #expect(failed["event"]?["header"]?["namespace"] == "Alexa.Authorization")
    #expect(try AlexaSchema.problems([reply, failed]) == [nil, nil])
  }

  @Test func thermostatsConvertScalesAndCheckRangesAndModes() throws {
    let home = try FakeHome()
    for id in ["climate.heatpump", "climate.ecobee"] { home.states[id] = DemoStates.state(id) }
    func call(_ name: String, _ endpoint: String, _ payload: JSON) throws -> (JSON, (String, JSON)?)
    {
      let before = home.serviceCalls.count
      let reply = try NativeHarness.run(
        home,
        NativeHarness.directive("Alexa.ThermostatController", name, endpoint, payload: payload))
      return (reply, home.serviceCalls.count > before ? home.serviceCalls.last : nil)
    }
    let (setF, setCall) = try call(
      "SetTargetTemperature", "climate#heatpump",
      ["targetSetpoint": ["value": 72, "scale": "FAHRENHEIT"]])
    #expect(setCall?.0 == "/api/services/climate/set_temperature")
    #expect(setCall?.1 == ["temperature": 22.2, "entity_id": "climate.heatpump"])
    let (range, rangeCall) = try call(
      "SetTargetTemperature", "climate#ecobee",
      [
        "lowerSetpoint": ["value": 19, "scale": "CELSIUS"],
        "upperSetpoint": ["value": 25, "scale": "CELSIUS"],
      ])
    #expect(
      rangeCall?.1 == [
        "target_temp_low": 19, "target_temp_high": 25, "entity_id": "climate.ecobee",
      ])
    let (eco, ecoCall) = try call(
      "SetThermostatMode", "climate#ecobee", ["thermostatMode": ["value": "ECO"]])
    #expect(
      ecoCall?.0 == "/api/services/climate/set_preset_mode" && ecoCall?.1["preset_mode"] == "eco")
    let (auto, autoCall) = try call(
      "SetThermostatMode", "climate#ecobee", ["thermostatMode": ["value": "AUTO"]])
    #expect(autoCall?.1["hvac_mode"] == "heat_cool", "AUTO prefers a range")
    let (cool, coolCall) = try call(
      "SetThermostatMode", "climate#heatpump", ["thermostatMode": ["value": "COOL"]])
    #expect(coolCall == nil && cool["event"]?["payload"]?["type"] == "UNSUPPORTED_THERMOSTAT_MODE")
    #expect(cool["event"]?["header"]?["namespace"] == "Alexa.ThermostatController")
    let (hot, hotCall) = try call(
      "SetTargetTemperature", "climate#heatpump",
      ["targetSetpoint": ["value": 50, "scale": "CELSIUS"]])
    #expect(hotCall == nil && hot["event"]?["payload"]?["type"] == "TEMPERATURE_VALUE_OUT_OF_RANGE")
    #expect(
      hot["event"]?["payload"]?["validRange"]?["maximumValue"] == ["value": 35, "scale": "CELSIUS"])
    let (adjust, adjustCall) = try call(
      "AdjustTargetTemperature", "climate#heatpump",
      ["targetSetpointDelta": ["value": 2, "scale": "FAHRENHEIT"]])
    #expect(adjustCall?.1["temperature"] == 21.1, "20 °C + 2 °F")
    #expect(
      try AlexaSchema.problems([setF, range, eco, auto, cool, hot, adjust])
        == Array(repeating: nil, count: 7))
  }

  @Test func aFahrenheitHomeReportsInFahrenheit() throws {
    let home = try FakeHome()
    home.temperatureUnit = "°F"
    home.states["climate.heatpump"] = DemoStates.variant(
      DemoStates.state("climate.heatpump"),
      attributes: [("temperature", 68), ("current_temperature", 70)])
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa", "ReportState", "climate#heatpump"))
    #expect(
      NativeHarness.properties(reply)["targetSetpoint"] == ["value": 68, "scale": "FAHRENHEIT"])
    #expect(NativeHarness.properties(reply)["temperature"] == ["value": 70, "scale": "FAHRENHEIT"])
    #expect(NativeHarness.properties(reply)["thermostatMode"] == "HEAT")
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func coversUseTheDirectivesInstance() throws {
    let home = try FakeHome()
    for id in ["cover.living_room_window", "cover.garage_door"] {
      home.states[id] = DemoStates.state(id)
    }
    func send(
      _ namespace: String, _ name: String, _ endpoint: String, _ instance: String, _ payload: JSON
    ) throws -> JSON {
      try NativeHarness.run(
        home,
        NativeHarness.directive(namespace, name, endpoint, payload: payload, instance: instance))
    }
    let position = try send(
      "Alexa.RangeController", "SetRangeValue", "cover#living_room_window", "cover.position",
      ["rangeValue": 40])
    #expect(home.serviceCalls.last?.0 == "/api/services/cover/set_cover_position")
    #expect(home.serviceCalls.last?.1 == ["position": 40, "entity_id": "cover.living_room_window"])
    let tilt = try send(
      "Alexa.RangeController", "AdjustRangeValue", "cover#living_room_window", "cover.tilt",
      ["rangeValueDelta": -20])
    #expect(
      home.serviceCalls.last?.1 == ["tilt_position": 30, "entity_id": "cover.living_room_window"],
      "50 − 20")
    let open = try send(
      "Alexa.ModeController", "SetMode", "cover#garage_door", "cover.position",
      ["mode": "position.open"])
    #expect(home.serviceCalls.last?.0 == "/api/services/cover/open_cover")
    let calls = home.serviceCalls.count
    let unknown = try send(
      "Alexa.RangeController", "SetRangeValue", "cover#living_room_window", "cover.nope",
      ["rangeValue": 1])
    #expect(
      unknown["event"]?["payload"]?["type"] == "INVALID_DIRECTIVE"
        && home.serviceCalls.count == calls)
    let instances = (position["context"]?["properties"]?.array ?? []).compactMap {
      $0["instance"]?.string
    }
    #expect(instances == ["cover.position", "cover.tilt"])
    #expect(try AlexaSchema.problems([position, tilt, open, unknown]) == [nil, nil, nil, nil])
  }
}
