import JSONCore

/// Home Assistant alarm panels ↔ Alexa.SecurityPanelController.
///
/// Alexa sends no code when arming, so (as in Home Assistant's own Alexa integration) a
/// panel whose arming needs a code is not offered. Disarming sends the spoken four-digit
/// PIN as the code.
enum SecurityPanel {
  /// Home Assistant's alarm_control_panel feature bits (2024.3).
  static let armHome = 1
  static let armAway = 2
  static let armNight = 4

  /// Alexa arm state → feature bit and service.
  static let arming: [(state: String, feature: Int, service: String)] = [
    ("ARMED_AWAY", armAway, "alarm_arm_away"), ("ARMED_STAY", armHome, "alarm_arm_home"),
    ("ARMED_NIGHT", armNight, "alarm_arm_night"),
  ]

  /// Home Assistant state → Alexa arm state; transitional states have none.
  static let armStates: [String: String] = [
    "disarmed": "DISARMED", "armed_away": "ARMED_AWAY", "armed_vacation": "ARMED_AWAY",
    "armed_home": "ARMED_STAY", "armed_custom_bypass": "ARMED_STAY", "armed_night": "ARMED_NIGHT",
  ]

  static func isOffered(_ entity: Entity) -> Bool {
    entity.attribute("code_arm_required")?.bool != true
  }

  static func armState(_ entity: Entity) -> String? { armStates[entity.state] }

  static func discovery(_ entity: Entity) -> JSON {
    let states =
      arming.filter { entity.supportedFeatures & $0.feature != 0 }.map(\.state) + ["DISARMED"]
    var configuration = JSONObject([
      ("supportedArmStates", .array(states.map { ["value": .string($0)] }))
    ])
    if entity.attribute("code_format")?.string == "number" {
      configuration["supportedAuthorizationTypes"] = [["type": "FOUR_DIGIT_PIN"]]
    }
    return [
      "type": "AlexaInterface", "interface": "Alexa.SecurityPanelController", "version": "3",
      "properties": [
        "supported": [["name": "armState"]], "proactivelyReported": false, "retrievable": true,
      ],
      "configuration": .object(configuration),
    ]
  }

  /// `Arm`: from disarmed only (Alexa's rule: changing an armed mode needs a disarm first).
  static let arm = ControlDirective(
    namespace: "Alexa.SecurityPanelController", name: "Arm", domains: ["alarm_control_panel"],
    needsState: true, response: ("Alexa.SecurityPanelController", "Arm.Response")
  ) { payload, _, entity in
    let entity = try ControlDirective.required(entity)
    let requested = payload["armState"]?.string ?? ""
    guard let mode = arming.first(where: { $0.state == requested }),
      entity.supportedFeatures & mode.feature != 0
    else {
      throw AlexaFailure(
        type: .invalidValue, message: "\(entity.friendlyName) cannot be armed as \(requested)")
    }
    let current = armState(entity)
    guard current == "DISARMED" || current == requested else {
      throw AlexaFailure(
        type: .authorizationRequired,
        message: "\(entity.friendlyName) is armed already; disarm it first")
    }
    return ControlDirective.ServiceCall(domain: "alarm_control_panel", service: mode.service)
  }

  /// `Disarm` with the PIN Alexa collected; Home Assistant refusing it means a wrong code.
  static let disarm = ControlDirective(
    namespace: "Alexa.SecurityPanelController", name: "Disarm", domains: ["alarm_control_panel"],
    refusal: AlexaFailure(type: .unauthorized, message: "Home Assistant refused the code")
  ) { payload, _, _ in
    var data = JSONObject()
    if let code = payload["authorization"]?["value"]?.string { data["code"] = .string(code) }
    return ControlDirective.ServiceCall(
      domain: "alarm_control_panel", service: "alarm_disarm", data: data)
  }
}
