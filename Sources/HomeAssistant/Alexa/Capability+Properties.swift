import JSONCore

extension Capability {
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
    case .alexa, .scene, .playback, .stepSpeaker, .channel, .timeHold:
      return []
    case .instance(let controller):
      guard let value = controller.reportedValue(of: entity) else { return [] }
      return [property(controller.kind.propertyName, value, instance: controller.instance)]
    case .input:
      guard let input = MediaPlayer.currentInput(entity) else { return [] }
      return [property("input", .string(input))]
    case .securityPanel:
      guard let state = SecurityPanel.armState(entity) else { return [] }
      return [property("armState", .string(state))]
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
      // A lock on its way is still where it was (as Home Assistant's own integration
      // reports): locking is still UNLOCKED, unlocking still LOCKED. Only "jammed" is
      // JAMMED; a state Alexa has no word for is not reported at all.
      let value: String? =
        switch entity.state {
        case "locked", "unlocking": "LOCKED"
        case "unlocked", "locking", "open", "opening": "UNLOCKED"
        case "jammed": "JAMMED"
        default: nil
        }
      return value.map { [property("lockState", .string($0))] } ?? []
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
      if entity.domain == "climate", let mode = Thermostat.currentMode(entity) {
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
