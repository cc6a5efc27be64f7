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
  case coverPosition
  case coverTilt
  case coverMode
  case contactSensor
  case motionSensor

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
    case .coverPosition, .coverTilt: "Alexa.RangeController"
    case .coverMode: "Alexa.ModeController"
    case .contactSensor: "Alexa.ContactSensor"
    case .motionSensor: "Alexa.MotionSensor"
    }
  }

  /// The property names this interface reports.
  var propertyNames: [String] {
    switch self {
    case .alexa, .scene, .playback: []
    case .speaker: ["volume", "muted"]
    case .coverPosition, .coverTilt: ["rangeValue"]
    case .coverMode: ["mode"]
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

  /// The discovery entry: constant per interface (so built once), except a thermostat's,
  /// which lists the entity's own setpoints and modes.
  func discovery(for entity: Entity) -> JSON {
    if self == .thermostat { return Self.thermostatDiscovery(entity) }
    if self == .playback {
      return [
        "type": "AlexaInterface", "interface": "Alexa.PlaybackController", "version": "3",
        "supportedOperations": .array(MediaPlayer.supportedOperations(entity).map(JSON.string)),
      ]
    }
    if case .scene(let deactivation) = self {
      return deactivation ? Self.sceneWithDeactivation : Self.sceneWithoutDeactivation
    }
    switch self {
    case .coverPosition: return Self.coverPositionEntry
    case .coverTilt: return Self.coverTiltEntry
    case .coverMode: return Self.coverModeEntry
    default: return Self.entries[interface] ?? makeDiscovery()
    }
  }

  private static let entries: [String: JSON] = Dictionary(
    uniqueKeysWithValues: [
      Capability.alexa, .endpointHealth, .power, .brightness, .color, .colorTemperature,
      .percentage, .lock, .speaker, .temperatureSensor, .contactSensor, .motionSensor,
    ].map { ($0.interface, .fragment(JSONFragment($0.makeDiscovery()))) })
  private static let coverPositionEntry = JSON.fragment(
    JSONFragment(
      Cover.rangeDiscovery(
        instance: Cover.positionInstance, asset: "Alexa.Setting.Opening", text: "Position")))
  private static let coverTiltEntry = JSON.fragment(
    JSONFragment(
      Cover.rangeDiscovery(
        instance: Cover.tiltInstance, asset: "Alexa.Setting.Direction", text: "Tilt")))
  private static let coverModeEntry = JSON.fragment(JSONFragment(Cover.modeDiscovery))
  private static let sceneWithDeactivation = JSON.fragment(
    JSONFragment(Capability.scene(supportsDeactivation: true).makeDiscovery()))
  private static let sceneWithoutDeactivation = JSON.fragment(
    JSONFragment(Capability.scene(supportsDeactivation: false).makeDiscovery()))

  private static func thermostatDiscovery(_ entity: Entity) -> JSON {
    var supported: [JSON] = []
    if entity.supportedFeatures & Thermostat.singleSetpoint != 0 {
      supported.append(["name": "targetSetpoint"])
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

  /// The reported properties for `entity`; a property the state cannot express is left out.
  func properties(of entity: Entity, at time: String) -> [JSON] {
    func property(_ name: String, _ value: JSON, instance: String? = nil) -> JSON {
      var entry = JSONObject([("namespace", .string(interface))])
      if let instance { entry["instance"] = .string(instance) }
      entry["name"] = .string(name)
      entry["value"] = value
      entry["timeOfSample"] = .string(time)
      entry["uncertaintyInMilliseconds"] = 0
      return .object(entry)
    }
    switch self {
    case .alexa, .scene, .playback:
      return []
    case .coverPosition, .coverTilt:
      let instance = self == .coverPosition ? Cover.positionInstance : Cover.tiltInstance
      let attribute = self == .coverPosition ? "current_position" : "current_tilt_position"
      guard let value = entity.attribute(attribute)?.number else { return [] }
      return [
        property("rangeValue", .number(min(100, max(0, value.rounded()))), instance: instance)
      ]
    case .coverMode:
      let mode: String? =
        switch entity.state {
        case "open", "opening": Cover.openMode
        case "closed", "closing": Cover.closedMode
        default: nil
        }
      return mode.map { [property("mode", .string($0), instance: Cover.positionInstance)] } ?? []
    case .speaker:
      // A player that is off reports no volume: nothing to claim then.
      guard let level = entity.attribute("volume_level")?.number else { return [] }
      var found = [property("volume", .number(min(100, max(0, (level * 100).rounded()))))]
      if let muted = entity.attribute("is_volume_muted")?.bool {
        found.append(property("muted", .bool(muted)))
      }
      return found
    case .endpointHealth:
      return [
        property("connectivity", ["value": .string(entity.isUnavailable ? "UNREACHABLE" : "OK")])
      ]
    case .power:
      return [property("powerState", .string(entity.isOn ? "ON" : "OFF"))]
    case .brightness:
      let level = entity.attribute("brightness")?.number.map { ($0 / 255 * 100).rounded() } ?? 0
      return [property("brightness", .number(entity.isOn ? min(100, max(0, level)) : 0))]
    case .color:
      guard let hs = entity.attribute("hs_color")?.array, hs.count == 2, let hue = hs[0].number,
        let saturation = hs[1].number
      else { return [] }
      let brightness = (entity.attribute("brightness")?.number ?? 255) / 255
      return [
        property(
          "color",
          [
            "hue": .number(min(360, max(0, hue))),
            "saturation": .number(min(1, max(0, saturation / 100))),
            "brightness": .number(min(1, max(0, brightness))),
          ])
      ]
    case .colorTemperature:
      guard let kelvin = entity.attribute("color_temp_kelvin")?.number else { return [] }
      return [
        property("colorTemperatureInKelvin", .number(min(12000, max(1000, kelvin.rounded()))))
      ]
    case .percentage:
      guard let percentage = entity.attribute("percentage")?.number else { return [] }
      return [property("percentage", .number(min(100, max(0, percentage.rounded()))))]
    case .lock:
      let value =
        switch entity.state {
        case "locked": "LOCKED"
        case "unlocked", "unlocking", "open", "opening": "UNLOCKED"
        default: "JAMMED"
        }
      return [property("lockState", .string(value))]
    case .temperatureSensor:
      // A sensor's state is the temperature; a thermostat reports it as an attribute.
      let reading =
        entity.domain == "sensor"
        ? Double(entity.state) : entity.attribute("current_temperature")?.number
      guard let value = reading else { return [] }
      let unit = entity.attribute("unit_of_measurement")?.string
      let scale = unit == "°F" ? "FAHRENHEIT" : unit == "°C" ? "CELSIUS" : entity.temperatureScale
      return [property("temperature", Thermostat.temperature(value, scale))]
    case .thermostat:
      var found: [JSON] = []
      let setpoints = [
        ("targetSetpoint", "temperature"), ("lowerSetpoint", "target_temp_low"),
        ("upperSetpoint", "target_temp_high"),
      ]
      for (name, attribute) in setpoints {
        if let value = entity.attribute(attribute)?.number {
          found.append(property(name, Thermostat.temperature(value, entity.temperatureScale)))
        }
      }
      if let mode = Thermostat.currentMode(entity) {
        found.append(property("thermostatMode", .string(mode)))
      }
      return found
    case .contactSensor, .motionSensor:
      return [
        property("detectionState", .string(entity.state == "on" ? "DETECTED" : "NOT_DETECTED"))
      ]
    }
  }
}
