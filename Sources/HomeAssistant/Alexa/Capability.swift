import JSONCore

/// An Alexa interface an endpoint can have: its discovery entry and, for an entity's
/// current state, the properties it reports (in replies, and in StateReport).
enum Capability: Equatable, Sendable {
  case alexa
  case endpointHealth
  case power
  case brightness
  case color
  case colorTemperature
  case percentage
  case lock
  case scene(supportsDeactivation: Bool)
  case temperatureSensor
  case thermostat
  case speaker
  case playback
  case stepSpeaker
  case input
  case channel
  case securityPanel
  case timeHold
  case contactSensor
  case motionSensor
  /// A RangeController, ModeController or ToggleController instance.
  indirect case instance(InstanceController)

  var interface: String {
    switch self {
    case .alexa: "Alexa"
    case .endpointHealth: "Alexa.EndpointHealth"
    case .power: "Alexa.PowerController"
    case .brightness: "Alexa.BrightnessController"
    case .color: "Alexa.ColorController"
    case .colorTemperature: "Alexa.ColorTemperatureController"
    case .percentage: "Alexa.PercentageController"
    case .lock: "Alexa.LockController"
    case .scene: "Alexa.SceneController"
    case .temperatureSensor: "Alexa.TemperatureSensor"
    case .thermostat: "Alexa.ThermostatController"
    case .speaker: "Alexa.Speaker"
    case .playback: "Alexa.PlaybackController"
    case .stepSpeaker: "Alexa.StepSpeaker"
    case .input: "Alexa.InputController"
    case .channel: "Alexa.ChannelController"
    case .securityPanel: "Alexa.SecurityPanelController"
    case .timeHold: "Alexa.TimeHoldController"
    case .instance(let controller): controller.kind.rawValue
    case .contactSensor: "Alexa.ContactSensor"
    case .motionSensor: "Alexa.MotionSensor"
    }
  }

  /// The property names this interface reports.
  var propertyNames: [String] {
    switch self {
    case .alexa, .scene, .playback, .stepSpeaker, .channel, .timeHold: []
    case .speaker: ["volume", "muted"]
    case .input: ["input"]
    case .securityPanel: ["armState"]
    case .instance(let controller): [controller.kind.propertyName]
    case .endpointHealth: ["connectivity"]
    case .power: ["powerState"]
    case .brightness: ["brightness"]
    case .color: ["color"]
    case .colorTemperature: ["colorTemperatureInKelvin"]
    case .percentage: ["percentage"]
    case .lock: ["lockState"]
    case .temperatureSensor: ["temperature"]
    case .thermostat: ["targetSetpoint", "lowerSetpoint", "upperSetpoint", "thermostatMode"]
    case .contactSensor, .motionSensor: ["detectionState"]
    }
  }

  /// The discovery entry: constant per interface or instance (so serialised once), except
  /// where it lists the entity's own setpoints, modes, operations, inputs or bounds.
  func discovery(for entity: Entity) -> JSON {
    switch self {
    case .thermostat: return Self.thermostatDiscovery(entity)
    case .securityPanel: return SecurityPanel.discovery(entity)
    case .input: return MediaPlayer.inputDiscovery(entity)
    case .playback:
      return [
        "type": "AlexaInterface", "interface": "Alexa.PlaybackController", "version": "3",
        "supportedOperations": .array(MediaPlayer.supportedOperations(entity).map(JSON.string)),
      ]
    case .scene(let deactivation):
      return deactivation ? Self.sceneWithDeactivation : Self.sceneWithoutDeactivation
    case .timeHold:
      return Self.timeHoldEntry
    case .instance(let controller):
      return Self.instanceEntries[controller.kind]?[controller.instance]
        ?? controller.memoizedDiscovery(for: entity)
    default:
      return Self.entries[interface] ?? makeDiscovery()
    }
  }

  private static let entries: [String: JSON] = Dictionary(
    uniqueKeysWithValues: [
      Capability.alexa, .endpointHealth, .power, .brightness, .color, .colorTemperature,
      .percentage, .lock, .speaker, .stepSpeaker, .channel, .temperatureSensor, .contactSensor,
      .motionSensor,
    ].map { ($0.interface, .fragment(JSONFragment($0.makeDiscovery()))) })
  /// Instances whose entry does not depend on the entity, serialised once.
  private static let instanceEntries: [InstanceController.Kind: [String: JSON]] = Dictionary(
    grouping: InstanceControllers.all.filter { !$0.dependsOnEntity }, by: \.kind
  ).mapValues { controllers in
    Dictionary(
      uniqueKeysWithValues: controllers.map {
        ($0.instance, .fragment(JSONFragment($0.discovery(for: nil))))
      })
  }
  private static let timeHoldEntry = JSON.fragment(
    JSONFragment([
      "type": "AlexaInterface", "interface": "Alexa.TimeHoldController", "version": "3",
      "configuration": ["allowRemoteResume": true],
    ]))
  private static let sceneWithDeactivation = JSON.fragment(
    JSONFragment(Capability.scene(supportsDeactivation: true).makeDiscovery()))
  private static let sceneWithoutDeactivation = JSON.fragment(
    JSONFragment(Capability.scene(supportsDeactivation: false).makeDiscovery()))

  private static func thermostatDiscovery(_ entity: Entity) -> JSON {
    var supported: [JSON] = []
    if entity.supportedFeatures & Thermostat.singleSetpoint != 0 {
      supported.append(["name": "targetSetpoint"])
    }
    // A water heater has setpoints only (a range when it reports one); its operation
    // modes are a ModeController.
    guard entity.domain == "climate" else {
      if Thermostat.reportsRange(entity) {
        supported += [["name": "lowerSetpoint"], ["name": "upperSetpoint"]]
      }
      return [
        "type": "AlexaInterface", "interface": "Alexa.ThermostatController", "version": "3",
        "properties": [
          "supported": .array(supported), "proactivelyReported": false, "retrievable": true,
        ],
        "configuration": ["supportsScheduling": false],
      ]
    }
    if entity.supportedFeatures & Thermostat.setpointRange != 0 {
      supported += [["name": "lowerSetpoint"], ["name": "upperSetpoint"]]
    }
    supported.append(["name": "thermostatMode"])
    return [
      "type": "AlexaInterface", "interface": "Alexa.ThermostatController", "version": "3",
      "properties": [
        "supported": .array(supported), "proactivelyReported": false, "retrievable": true,
      ],
      "configuration": [
        "supportedModes": .array(Thermostat.supportedModes(entity).map(JSON.string)),
        "supportsScheduling": false,
      ],
    ]
  }

  private func makeDiscovery() -> JSON {
    var entry = JSONObject([
      ("type", "AlexaInterface"), ("interface", .string(interface)), ("version", "3"),
    ])
    if case .scene(let deactivation) = self {
      entry["supportsDeactivation"] = .bool(deactivation)
      entry["proactivelyReported"] = false
    } else if !propertyNames.isEmpty {
      entry["properties"] = [
        "supported": .array(propertyNames.map { ["name": .string($0)] }),
        "proactivelyReported": false, "retrievable": true,
      ]
    }
    return .object(entry)
  }
}
