import Engine
import JSONCore
import Testing

@testable import HomeAssistant

/// Control of the domains beyond lights and switches, against a fake Home Assistant that
/// holds the demo's states (and a few it lacks); every reply validated against the schema.
@Suite struct DomainControlTests {
  struct Case: Sendable, CustomStringConvertible {
    let namespace: String
    let name: String
    let endpoint: String
    var instance: String? = nil
    var payload: JSON = [:]
    let path: String
    var data: JSON = [:]
    /// Calls of `path`: step-wise directives call more than once.
    var calls = 1
    var description: String { "\(namespace).\(name) \(endpoint)" }
  }

  static let cases: [Case] = [
    Case(
      namespace: "Alexa.ToggleController", name: "TurnOn", endpoint: "fan#living_room_fan",
      instance: "fan.oscillating", path: "fan/oscillate", data: ["oscillating": true]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode", endpoint: "fan#preset_only_limited_fan",
      instance: "fan.preset_mode", payload: ["mode": "preset_mode.sleep"],
      path: "fan/set_preset_mode", data: ["preset_mode": "sleep"]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode", endpoint: "fan#living_room_fan",
      instance: "fan.direction", payload: ["mode": "direction.reverse"],
      path: "fan/set_direction", data: ["direction": "reverse"]),
    Case(
      namespace: "Alexa.RangeController", name: "SetRangeValue", endpoint: "humidifier#hygrostat",
      instance: "humidifier.humidity", payload: ["rangeValue": 40],
      path: "humidifier/set_humidity", data: ["humidity": 40]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode", endpoint: "humidifier#hygrostat",
      instance: "humidifier.mode", payload: ["mode": "mode.eco"], path: "humidifier/set_mode",
      data: ["mode": "eco"]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode",
      endpoint: "water_heater#demo_water_heater", instance: "water_heater.operation_mode",
      payload: ["mode": "operation_mode.high_demand"], path: "water_heater/set_operation_mode",
      data: ["operation_mode": "high_demand"]),
    Case(
      namespace: "Alexa.ThermostatController", name: "SetTargetTemperature",
      endpoint: "water_heater#demo_water_heater",
      payload: ["targetSetpoint": ["value": 50, "scale": "CELSIUS"]],
      path: "water_heater/set_temperature", data: ["temperature": 50]),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOff",
      endpoint: "water_heater#demo_water_heater", path: "water_heater/turn_off"),
    Case(
      namespace: "Alexa.ModeController", name: "AdjustMode", endpoint: "vacuum#0_ground_floor",
      instance: "vacuum.fan_speed", payload: ["modeDelta": 1], path: "vacuum/set_fan_speed",
      data: ["fan_speed": "high"]),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOn", endpoint: "vacuum#0_ground_floor",
      path: "vacuum/start"),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOff", endpoint: "vacuum#0_ground_floor",
      path: "vacuum/return_to_base"),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOff", endpoint: "vacuum#3_third_floor",
      path: "vacuum/turn_off"),
    Case(
      namespace: "Alexa.TimeHoldController", name: "Hold", endpoint: "vacuum#0_ground_floor",
      path: "vacuum/pause"),
    Case(
      namespace: "Alexa.TimeHoldController", name: "Resume", endpoint: "timer#laundry",
      path: "timer/start"),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOff", endpoint: "timer#laundry",
      path: "timer/cancel"),
    Case(
      namespace: "Alexa.RangeController", name: "SetRangeValue",
      endpoint: "input_number#target_volume", instance: "input_number.value",
      payload: ["rangeValue": 35], path: "input_number/set_value", data: ["value": 35]),
    Case(
      namespace: "Alexa.RangeController", name: "AdjustRangeValue", endpoint: "number#small_range",
      instance: "number.value", payload: ["rangeValueDelta": 200], path: "number/set_value",
      data: ["value": 255]),
    Case(
      namespace: "Alexa.RangeController", name: "SetRangeValue", endpoint: "number#pwm_1",
      instance: "number.value", payload: ["rangeValue": 0.25], path: "number/set_value",
      data: ["value": 0.25]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode", endpoint: "select#speed",
      instance: "select.option", payload: ["mode": "option.light_speed"],
      path: "select/select_option", data: ["option": "light_speed"]),
    Case(
      namespace: "Alexa.PowerController", name: "TurnOn", endpoint: "cover#hall_window",
      path: "cover/open_cover"),
    Case(
      namespace: "Alexa.PlaybackController", name: "Stop", endpoint: "cover#hall_window",
      path: "cover/stop_cover"),
    Case(
      namespace: "Alexa.RangeController", name: "SetRangeValue", endpoint: "valve#garden",
      instance: "valve.position", payload: ["rangeValue": 20], path: "valve/set_valve_position",
      data: ["position": 20]),
    Case(
      namespace: "Alexa.ModeController", name: "SetMode", endpoint: "valve#main_water",
      instance: "valve.position", payload: ["mode": "position.open"], path: "valve/open_valve"),
    Case(
      namespace: "Alexa.StepSpeaker", name: "AdjustVolume", endpoint: "media_player#radio",
      payload: ["volumeSteps": -3, "volumeStepsDefault": false],
      path: "media_player/volume_down", calls: 3),
    Case(
      namespace: "Alexa.StepSpeaker", name: "AdjustVolume", endpoint: "media_player#radio",
      payload: ["volumeSteps": 10, "volumeStepsDefault": true], path: "media_player/volume_up"),
    Case(
      namespace: "Alexa.StepSpeaker", name: "SetMute", endpoint: "media_player#radio",
      payload: ["mute": true], path: "media_player/volume_mute", data: ["is_volume_muted": true]),
    Case(
      namespace: "Alexa.InputController", name: "SelectInput", endpoint: "media_player#radio",
      payload: ["input": "bluetooth"], path: "media_player/select_source",
      data: ["source": "Bluetooth"]),
    Case(
      namespace: "Alexa.ChannelController", name: "ChangeChannel",
      endpoint: "media_player#living_room", payload: ["channel": ["number": "7"]],
      path: "media_player/play_media",
      data: ["media_content_id": "7", "media_content_type": "channel"]),
    Case(
      namespace: "Alexa.ChannelController", name: "SkipChannels",
      endpoint: "media_player#living_room", payload: ["channelCount": -2],
      path: "media_player/media_previous_track", calls: 2),
    Case(
      namespace: "Alexa.ThermostatController", name: "SetThermostatMode", endpoint: "climate#hvac",
      payload: ["thermostatMode": ["value": "CUSTOM", "customName": "DEHUMIDIFY"]],
      path: "climate/set_hvac_mode", data: ["hvac_mode": "dry"]),
    Case(
      namespace: "Alexa.SecurityPanelController", name: "Disarm",
      endpoint: "alarm_control_panel#security",
      payload: ["authorization": ["type": "FOUR_DIGIT_PIN", "value": "1234"]],
      path: "alarm_control_panel/alarm_disarm", data: ["code": "1234"]),
  ]

  static func home() throws -> FakeHome {
    let home = try FakeHome()
    for state in DemoStates.all + DomainDiscoveryTests.extraStates {
      home.states[state["entity_id"]?.string ?? ""] = state
    }
    return home
  }

  @Test(arguments: cases)
  func eachDirectiveMakesTheRightServiceCall(_ test: Case) throws {
    let home = try Self.home()
    let reply = try NativeHarness.run(
      home,
      NativeHarness.directive(
        test.namespace, test.name, test.endpoint, payload: test.payload, instance: test.instance))
    #expect(reply["event"]?["header"]?["name"] != "ErrorResponse", "\(reply)")
    let calls = home.serviceCalls
    #expect(calls.count == test.calls)
    let entityId = test.endpoint.replacing("#", with: ".")
    guard case .object(var data) = test.data else { return }
    data["entity_id"] = .string(entityId)
    #expect(calls.allSatisfy { $0.0 == "/api/services/\(test.path)" && $0.1 == .object(data) })
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func armingAnswersArmResponseAndNeedsADisarmFirst() throws {
    let home = try Self.home()
    let panel = "alarm_control_panel#security"
    home.states["alarm_control_panel.security"] = DomainDiscoveryTests.extraStates[4]
    home.changed = [
      DemoStates.variant(DomainDiscoveryTests.extraStates[4], state: "armed_away", attributes: [])
    ]
    let armed = try NativeHarness.run(
      home,
      NativeHarness.directive(
        "Alexa.SecurityPanelController", "Arm", panel, payload: ["armState": "ARMED_AWAY"]))
    #expect(armed["event"]?["header"]?["name"] == "Arm.Response")
    #expect(NativeHarness.properties(armed)["armState"] == "ARMED_AWAY")
    #expect(home.serviceCalls.last?.0 == "/api/services/alarm_control_panel/alarm_arm_away")

    home.states["alarm_control_panel.security"] = home.changed[0]
    let again = try NativeHarness.run(
      home,
      NativeHarness.directive(
        "Alexa.SecurityPanelController", "Arm", panel, payload: ["armState": "ARMED_NIGHT"]))
    #expect(again["event"]?["header"]?["namespace"] == "Alexa.SecurityPanelController")
    #expect(again["event"]?["payload"]?["type"] == "AUTHORIZATION_REQUIRED")
    #expect(home.serviceCalls.count == 1)

    home.serviceStatus = 400
    let wrongCode = try NativeHarness.run(
      home,
      NativeHarness.directive(
        "Alexa.SecurityPanelController", "Disarm", panel,
        payload: ["authorization": ["type": "FOUR_DIGIT_PIN", "value": "0000"]]))
    #expect(wrongCode["event"]?["payload"]?["type"] == "UNAUTHORIZED")
    #expect(try AlexaSchema.problems([armed, again, wrongCode]) == [nil, nil, nil])
  }

  @Test func badValuesAreRefusedBeforeAnyCall() throws {
    let home = try Self.home()
    let refused: [(JSON, String)] = [
      (
        NativeHarness.directive(
          "Alexa.RangeController", "SetRangeValue", "input_number#target_volume",
          payload: ["rangeValue": 150], instance: "input_number.value"),
        "VALUE_OUT_OF_RANGE"
      ),
      (
        NativeHarness.directive(
          "Alexa.ModeController", "SetMode", "select#speed", payload: ["mode": "option.warp"],
          instance: "select.option"),
        "INVALID_VALUE"
      ),
      (
        NativeHarness.directive(
          "Alexa.ToggleController", "TurnOn", "light#kitchen_lights", instance: "fan.oscillating"),
        "INVALID_DIRECTIVE"
      ),
      (
        NativeHarness.directive(
          "Alexa.InputController", "SelectInput", "media_player#radio",
          payload: ["input": "HDMI 3"]),
        "INVALID_VALUE"
      ),
      (
        NativeHarness.directive(
          "Alexa.ThermostatController", "SetThermostatMode", "climate#heatpump",
          payload: ["thermostatMode": ["value": "CUSTOM", "customName": "FAN"]]),
        "UNSUPPORTED_THERMOSTAT_MODE"
      ),
    ]
    var replies: [JSON] = []
    for (event, type) in refused {
      let reply = try NativeHarness.run(home, event)
      #expect(reply["event"]?["payload"]?["type"]?.string == type, "\(event)")
      replies.append(reply)
    }
    #expect(home.serviceCalls.isEmpty)
    let range = replies[0]["event"]?["payload"]?["validRange"]
    #expect(range == ["minimumValue": 0, "maximumValue": 100])
    #expect(try AlexaSchema.problems(replies) == replies.map { _ in nil })
  }

  @Test func reportStateHasTheInstancesValues() throws {
    let home = try Self.home()
    let fan = try NativeHarness.run(
      home, NativeHarness.directive("Alexa", "ReportState", "fan#living_room_fan"))
    let values = (fan["context"]?["properties"]?.array ?? []).compactMap {
      entry -> String? in
      guard let instance = entry["instance"]?.string else { return nil }
      return "\(instance)=\(entry["value"]?.string ?? "")"
    }
    #expect(values == ["fan.oscillating=OFF", "fan.direction=direction.forward"])
    let heater = try NativeHarness.run(
      home, NativeHarness.directive("Alexa", "ReportState", "water_heater#demo_water_heater"))
    #expect(
      NativeHarness.properties(heater)["targetSetpoint"] == ["value": 48.3, "scale": "CELSIUS"])
    #expect(NativeHarness.properties(heater)["mode"] == "operation_mode.eco")
    #expect(NativeHarness.properties(heater)["thermostatMode"] == nil)
    let vacuum = try NativeHarness.run(
      home, NativeHarness.directive("Alexa", "ReportState", "vacuum#0_ground_floor"))
    #expect(NativeHarness.properties(vacuum)["powerState"] == "OFF", "docked")
    #expect(try AlexaSchema.problems([fan, heater, vacuum]) == [nil, nil, nil])
  }
}
