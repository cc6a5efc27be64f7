import JSONCore

/// `Alexa.SecurityPanelController`: Home Assistant alarm panels.
///
/// Alexa sends no code when arming, so (as in Home Assistant's own Alexa integration) a
/// panel whose arming needs a code is not offered. Disarming sends the spoken four-digit
/// PIN as the code.
struct SecurityPanelController: AlexaInterface {
  let namespace = "Alexa.SecurityPanelController"

  /// Alexa arm state → feature bit and service.
  static let arming: [(state: String, feature: Int, service: String)] = [
    ("ARMED_AWAY", AlarmPanelFeature.armAway, "alarm_arm_away"),
    ("ARMED_STAY", AlarmPanelFeature.armHome, "alarm_arm_home"),
    ("ARMED_NIGHT", AlarmPanelFeature.armNight, "alarm_arm_night"),
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

  func discovery(for entity: Entity) -> JSON {
    let states =
      Self.arming.filter { entity.supportedFeatures & $0.feature != 0 }.map(\.state) + ["DISARMED"]
    var configuration = JSONObject([
      ("supportedArmStates", .array(states.map { ["value": .string($0)] }))
    ])
    if entity.attribute("code_format")?.string == "number" {
      configuration["supportedAuthorizationTypes"] = [["type": "FOUR_DIGIT_PIN"]]
    }
    return entry(supported: ["armState"], [("configuration", .object(configuration))])
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let state = Self.armState(entity) else { return [] }
    return [property("armState", .string(state), at: time)]
  }

  var directives: [ControlDirective] {
    [
      // From disarmed only (Alexa's rule: changing an armed mode needs a disarm first).
      directive(
        "Arm", domains: ["alarm_control_panel"],
        answer: .named(namespace: namespace, name: "Arm.Response"),
        .state { payload, entity in
          let requested = payload["armState"]?.string ?? ""
          guard let mode = Self.arming.first(where: { $0.state == requested }),
            entity.supportedFeatures & mode.feature != 0
          else {
            throw AlexaFailure(
              type: .invalidValue, message: "\(entity.friendlyName) cannot be armed as \(requested)"
            )
          }
          let current = Self.armState(entity)
          guard current == "DISARMED" || current == requested else {
            throw AlexaFailure(
              type: .authorizationRequired,
              message: "\(entity.friendlyName) is armed already; disarm it first")
          }
          return ControlDirective.ServiceCall(domain: "alarm_control_panel", service: mode.service)
        }),
      // With the PIN Alexa collected; Home Assistant refusing it means a wrong code.
      directive(
        "Disarm", domains: ["alarm_control_panel"],
        refusal: AlexaFailure(type: .unauthorized, message: "Home Assistant refused the code"),
        .payload { payload, _ in
          var data = JSONObject()
          if let code = payload["authorization"]?["value"]?.string { data["code"] = .string(code) }
          return ControlDirective.ServiceCall(
            domain: "alarm_control_panel", service: "alarm_disarm", data: data)
        }),
    ]
  }
}

extension Capability {
  static let securityPanel = Capability(SecurityPanelController())
}
