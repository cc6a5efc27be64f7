import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Testing

/// The domains beyond lights and locks, end to end: each directive through the real
/// bootstrap under lambda-local really changes the demo Home Assistant's entity. Entities
/// here are used by no other suite (suites run in parallel).
@Suite(
  .serialized,
  .enabled(if: DemoHomeAssistant.url != nil, "needs scripts/test.sh's demo Home Assistant"))
struct DemoDomainsTests {
  struct Step: Sendable {
    let namespace: String
    let name: String
    let entity: String
    var instance: String? = nil
    var payload: JSON = [:]
    /// The attribute to check (nil: the state), and the value it must have after.
    var attribute: String? = nil
    let expected: JSON
  }

  static let steps: [Step] = [
    Step(
      namespace: "Alexa.EqualizerController", name: "SetMode", entity: "media_player.bedroom",
      payload: ["mode": "MOVIE"], attribute: "sound_mode", expected: "Movie"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOn", entity: "fan.percentage_full_fan",
      expected: "on"),
    Step(
      namespace: "Alexa.ToggleController", name: "TurnOn", entity: "fan.percentage_full_fan",
      instance: "fan.oscillating", attribute: "oscillating", expected: true),
    Step(
      namespace: "Alexa.ModeController", name: "SetMode", entity: "fan.percentage_full_fan",
      instance: "fan.direction", payload: ["mode": "direction.reverse"], attribute: "direction",
      expected: "reverse"),
    Step(
      namespace: "Alexa.RangeController", name: "SetRangeValue", entity: "humidifier.hygrostat",
      instance: "humidifier.humidity", payload: ["rangeValue": 42], attribute: "humidity",
      expected: 42),
    Step(
      namespace: "Alexa.ModeController", name: "SetMode", entity: "humidifier.hygrostat",
      instance: "humidifier.mode", payload: ["mode": "mode.eco"], attribute: "mode",
      expected: "eco"),
    Step(
      namespace: "Alexa.ModeController", name: "SetMode",
      entity: "water_heater.demo_water_heater_celsius", instance: "water_heater.operation_mode",
      payload: ["mode": "operation_mode.performance"], expected: "performance"),
    Step(
      namespace: "Alexa.ThermostatController", name: "SetTargetTemperature",
      entity: "water_heater.demo_water_heater_celsius",
      payload: ["targetSetpoint": ["value": 50, "scale": "CELSIUS"]], attribute: "temperature",
      expected: 50),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOn", entity: "vacuum.1_first_floor",
      expected: "cleaning"),
    Step(
      namespace: "Alexa.ModeController", name: "SetMode", entity: "vacuum.1_first_floor",
      instance: "vacuum.fan_speed", payload: ["mode": "fan_speed.max"], attribute: "fan_speed",
      expected: "max"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOff", entity: "vacuum.1_first_floor",
      expected: "returning"),
    Step(
      namespace: "Alexa.RangeController", name: "SetRangeValue",
      entity: "input_number.target_volume", instance: "input_number.value",
      payload: ["rangeValue": 35], expected: "35.0"),
    Step(
      namespace: "Alexa.ModeController", name: "SetMode", entity: "select.speed",
      instance: "select.option", payload: ["mode": "option.light_speed"], expected: "light_speed"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOn", entity: "timer.laundry",
      expected: "active"),
    Step(
      namespace: "Alexa.TimeHoldController", name: "Hold", entity: "timer.laundry",
      expected: "paused"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOff", entity: "timer.laundry",
      expected: "idle"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOff", entity: "cover.kitchen_window",
      expected: "closed"),
    Step(
      namespace: "Alexa.PowerController", name: "TurnOn", entity: "cover.kitchen_window",
      expected: "open"),
    Step(
      namespace: "Alexa.PlaybackController", name: "Stop", entity: "cover.kitchen_window",
      expected: "open"),
    Step(
      namespace: "Alexa.SecurityPanelController", name: "Arm",
      entity: "alarm_control_panel.house_alarm", payload: ["armState": "ARMED_STAY"],
      expected: "armed_home"),
    Step(
      namespace: "Alexa.SecurityPanelController", name: "Disarm",
      entity: "alarm_control_panel.house_alarm",
      payload: ["authorization": ["type": "FOUR_DIGIT_PIN", "value": "1234"]],
      expected: "disarmed"),
  ]

  @Test func eachDirectiveReallyChangesTheEntity() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    for step in Self.steps {
      let answer = try DemoHomeAssistant.reply(
        lambda,
        Directive.make(
          step.namespace, step.name, endpoint: step.entity.replacing(".", with: "#"),
          payload: step.payload, instance: step.instance))
      let label = "\(step.namespace).\(step.name) on \(step.entity)"
      #expect(
        answer["event"]?["header"]?["name"] != "ErrorResponse",
        "\(label): \(answer["event"]?["payload"] ?? [:])")
      let observed =
        try step.attribute.map { try DemoHomeAssistant.attribute(step.entity, $0) }
        ?? DemoHomeAssistant.state(step.entity).map(JSON.string)
      #expect(observed == step.expected, "\(label)")
    }
  }

  /// "Alexa, set the heating to 22" with the thermostat off: TurnOn restores the mode it
  /// had before, read from Home Assistant's real history, not `turn_on`'s choice.
  @Test func turnOnRestoresTheThermostatsLastMode() throws {
    let thermostat = "climate.ecobee"
    for mode in ["dry", "off"] {
      _ = try DemoHomeAssistant.rest(
        "POST", "/api/services/climate/set_hvac_mode",
        ["entity_id": .string(thermostat), "hvac_mode": .string(mode)])
      Thread.sleep(forTimeInterval: 0.5)  // the recorder writes each change
    }
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let answer = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa.PowerController", "TurnOn", endpoint: "climate#ecobee"))
    #expect(answer["event"]?["header"]?["name"] == "Response", "\(answer)")
    #expect(try DemoHomeAssistant.state(thermostat) == "dry")
  }

  @Test func aWrongAlarmCodeIsUnauthorizedAndChangesNothing() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let panel = "alarm_control_panel#house_alarm"
    _ = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.SecurityPanelController", "Arm", endpoint: panel,
        payload: ["armState": "ARMED_AWAY"]))
    let wrong = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.SecurityPanelController", "Disarm", endpoint: panel,
        payload: ["authorization": ["type": "FOUR_DIGIT_PIN", "value": "0000"]]))
    #expect(wrong["event"]?["payload"]?["type"] == "UNAUTHORIZED", "\(wrong)")
    #expect(try DemoHomeAssistant.state("alarm_control_panel.house_alarm") == "armed_away")
    let right = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.SecurityPanelController", "Disarm", endpoint: panel,
        payload: ["authorization": ["type": "FOUR_DIGIT_PIN", "value": "1234"]]))
    #expect(right["event"]?["header"]?["name"] == "Response", "\(right)")
  }

  @Test func aStoppedHomeAssistantIsBridgeUnreachableWithinTheBudget() throws {
    // Nothing listens on the port a stopped Home Assistant leaves behind.
    let unused = try Socket.listen(port: 0)
    let closed = unused.localPort
    unused.close()
    let lambda = try DemoHomeAssistant.lambda([
      "HOME_ASSISTANT_URL": "http://127.0.0.1:\(closed)",
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
    ])
    defer { lambda.shutdown() }
    let started = Clock.monotonicNanoseconds()
    let answer = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa.PowerController", "TurnOn", endpoint: "light#bed_light"))
    #expect(answer["event"]?["payload"]?["type"] == "BRIDGE_UNREACHABLE", "\(answer)")
    #expect(Clock.monotonicNanoseconds() - started < 3_000_000_000)
  }
}
