import JSONCore

@testable import HomeAssistant

/// A home of a few hundred states, built to cover every domain, device class and unit the
/// discovery table knows, the feature combinations that change what an entity gets, and
/// the attribute values that go wrong in real homes (null, empty, wrong type, out of
/// range, names Alexa cannot say). Deterministic: the same states every run.
enum CraftedHome {
  static let states: [JSON] = {
    var home = Builder()
    home.lights()
    home.switches()
    home.fans()
    home.covers()
    home.climates()
    home.appliances()
    home.mediaPlayers()
    home.controls()
    home.sensors()
    return home.states
  }()

  /// Subsets of `bits`: all of them, or `limit` spread over all (an odd stride of about
  /// the golden ratio through the masks turns every bit on and off).
  static func combinations(of bits: [Int], limit: Int = .max) -> [Int] {
    let count = 1 << bits.count
    let stride = Int(Double(count) * 0.618) | 1
    return (0..<min(count, limit)).map { index in
      let mask = (index * stride) % count
      return bits.indices.reduce(0) { mask & (1 << $1) != 0 ? $0 | bits[$1] : $0 }
    }
  }

  struct Builder {
    var states: [JSON] = []
    private var serial = 0

    mutating func add(_ domain: String, _ state: String = "on", _ attributes: JSON = [:]) {
      serial += 1
      states.append(DiscoveryRulesTests.state("\(domain).crafted_\(serial)", state, attributes))
    }

    mutating func lights() {
      let modeSets: [JSON] = [
        ["onoff"], ["brightness"], ["color_temp"], ["hs"], ["xy", "color_temp"], ["rgbww"],
        ["white", "hs"], [], .null, "brightness", [1, 2],
      ]
      for (index, modes) in modeSets.enumerated() {
        add(
          "light", index % 3 == 0 ? "off" : "on",
          [
            "supported_color_modes": modes, "brightness": index % 2 == 0 ? 128 : .null,
            "hs_color": index % 4 == 0 ? [30, 50] : .null, "color_temp_kelvin": 2700,
            "min_color_temp_kelvin": 2000, "max_color_temp_kelvin": 6500,
          ])
      }
      add("light", "unavailable", ["supported_color_modes": ["brightness"]])
      add(
        "light", "on",
        ["friendly_name": "💡 Lamp ★ <b>&</b> \"quoted\"", "supported_color_modes": ["onoff"]])
      add("light", "on", ["friendly_name": .string(String(repeating: "Long name ", count: 30))])
      add("light", "on", ["friendly_name": "", "supported_color_modes": ["onoff"]])
    }

    mutating func switches() {
      for deviceClass: JSON in [.null, "outlet", "switch"] {
        add("switch", "on", ["device_class": deviceClass])
      }
      for domain in ["input_boolean", "alert", "automation", "group"] {
        add(domain, "off")
        add(domain, "unavailable")
      }
      for (features, activities) in [
        (0, JSON.null), (4, []), (4, ["TV"]), (4, ["TV", "Music", "TV"]),
      ] {
        add(
          "remote", "on",
          [
            "supported_features": JSON(features), "activity_list": activities,
            "current_activity": "TV",
          ])
      }
    }

    mutating func fans() {
      for features in combinations(of: [1, 2, 4, 8, 16, 32], limit: 32) {
        add(
          "fan", features % 3 == 0 ? "off" : "on",
          [
            "supported_features": JSON(features), "percentage": features % 5 == 0 ? .null : 66,
            "percentage_step": features % 7 == 0 ? 0 : 33.333333,
            "preset_modes": features % 2 == 0 ? ["auto", "sleep"] : ["auto"],
            "preset_mode": "auto", "oscillating": true, "direction": "forward",
          ])
      }
    }

    mutating func covers() {
      let classes: [JSON] = [
        .null, "garage", "door", "gate", "blind", "shade", "curtain", "awning", "shutter",
        "window", "damper",
      ]
      let bits = [
        CoverFeature.open, CoverFeature.close, CoverFeature.setPosition, CoverFeature.stop,
        CoverFeature.tiltOpenAndClose, CoverFeature.setTiltPosition,
      ]
      for (index, features) in combinations(of: bits).enumerated() {
        add(
          "cover", ["open", "closed", "opening", "closing"][index % 4],
          [
            "supported_features": JSON(features), "device_class": classes[index % classes.count],
            "current_position": index % 9 == 0 ? .null : JSON(index % 101),
            "current_tilt_position": JSON((index * 7) % 101),
          ])
      }
      for features in combinations(of: [1, 2, 4, 8]) {
        add("valve", "open", ["supported_features": JSON(features), "current_position": 40])
      }
    }

    mutating func climates() {
      let modeLists: [JSON] = [
        ["off", "heat"], ["heat", "cool", "heat_cool", "auto", "dry", "fan_only", "off"], [],
        ["heat"], .null,
      ]
      let bits = [
        ClimateFeature.targetTemperature, ClimateFeature.targetTemperatureRange,
        ClimateFeature.turnOn, ClimateFeature.turnOff,
      ]
      for (index, features) in combinations(of: bits).enumerated() {
        let modes = modeLists[index % modeLists.count]
        add(
          "climate", modes[0]?.string ?? "heat",
          [
            "supported_features": JSON(features), "hvac_modes": modes,
            "current_temperature": index % 3 == 0 ? .null : 19.5, "temperature": 21,
            "target_temp_low": 18, "target_temp_high": 24, "min_temp": 7, "max_temp": 35,
            "preset_modes": index % 2 == 0 ? ["eco", "comfort"] : .null,
          ])
      }
      for features in combinations(of: [1, 2, 4, 8]) {
        add(
          "water_heater", "eco",
          [
            "supported_features": JSON(features), "operation_list": ["eco", "electric", "off"],
            "operation_mode": "eco", "temperature": 50, "min_temp": 30, "max_temp": 70,
            "current_temperature": features % 2 == 0 ? 48 : .null,
          ])
      }
    }

    mutating func appliances() {
      for (features, modes) in [(0, JSON.null), (1, ["normal", "eco"]), (1, [])] {
        add(
          "humidifier", "on",
          [
            "supported_features": JSON(features), "available_modes": modes, "mode": "normal",
            "humidity": 45, "min_humidity": 30, "max_humidity": 80,
          ])
      }
      let bits = [
        VacuumFeature.turnOn, VacuumFeature.turnOff, VacuumFeature.pause, VacuumFeature.stop,
        VacuumFeature.returnHome, VacuumFeature.fanSpeed, VacuumFeature.start,
      ]
      for (index, features) in combinations(of: bits, limit: 32).enumerated() {
        add(
          "vacuum", ["docked", "cleaning", "paused", "returning", "error"][index % 5],
          [
            "supported_features": JSON(features),
            "fan_speed_list": index % 2 == 0 ? ["quiet", "turbo", "max"] : ["only"],
            "fan_speed": "quiet",
          ])
      }
      for state in ["idle", "active", "paused"] { add("timer", state, ["duration": "0:05:00"]) }
      for (features, codeRequired) in [(7, false), (7, true), (0, false), (1, false)] {
        add(
          "alarm_control_panel", "disarmed",
          [
            "supported_features": JSON(features), "code_arm_required": .bool(codeRequired),
            "code_format": "number",
          ])
      }
      for state in ["locked", "unlocked", "jammed", "locking", "open", "unknown"] {
        add("lock", state)
      }
    }

    mutating func mediaPlayers() {
      let bits = [
        MediaPlayerFeature.pause, MediaPlayerFeature.volumeSet, MediaPlayerFeature.volumeMute,
        MediaPlayerFeature.previousTrack, MediaPlayerFeature.nextTrack, MediaPlayerFeature.turnOn,
        MediaPlayerFeature.turnOff, MediaPlayerFeature.playMedia, MediaPlayerFeature.volumeStep,
        MediaPlayerFeature.selectSource, MediaPlayerFeature.stop, MediaPlayerFeature.play,
        MediaPlayerFeature.seek, MediaPlayerFeature.selectSoundMode,
      ]
      let classes: [JSON] = [.null, "tv", "speaker", "receiver"]
      for (index, features) in combinations(of: bits, limit: 40).enumerated() {
        add(
          "media_player", ["playing", "paused", "idle", "off", "standby", "on"][index % 6],
          [
            "supported_features": JSON(features), "device_class": classes[index % classes.count],
            "volume_level": index % 5 == 0 ? .null : 0.4, "is_volume_muted": false,
            "source_list": index % 3 == 0 ? ["HDMI 1", "Tuner", "Netflix", "hdmi1"] : [],
            "source": "HDMI 1", "sound_mode_list": ["Movie", "Pure Direct", "music"],
            "sound_mode": "Movie", "media_position": 12, "media_duration": 300,
          ])
      }
    }

    mutating func controls() {
      for domain in ["input_number", "number"] {
        for (low, high, step) in [
          (0.0, 100.0, 1.0), (-20.0, 40.0, 0.5), (5.0, 5.0, 1.0), (0.0, 1.0, 0.0),
        ] {
          add(domain, "3", ["min": .number(low), "max": .number(high), "step": .number(step)])
        }
      }
      for domain in ["input_select", "select"] {
        for options: JSON in [["a"], ["Low", "High"], ["Low", "low", "High", ""], [], .null] {
          add(domain, "Low", ["options": options])
        }
      }
      for domain in ["scene", "script", "button", "input_button"] {
        add(domain, "unknown")
        add(domain, "2026-12-07T06:00:00+00:00")
      }
    }

    mutating func sensors() {
      for (unit, deviceClass) in [
        ("°C", JSON("temperature")), ("°F", .null), ("K", "temperature"), ("%", "humidity"),
        ("°C", "humidity"),
      ] {
        add("sensor", "21.5", ["unit_of_measurement": .string(unit), "device_class": deviceClass])
      }
      add("sensor", "not a number", ["unit_of_measurement": "°C"])
      add("sensor", "unavailable", ["unit_of_measurement": "°C"])
      for deviceClass in [
        "door", "window", "garage_door", "opening", "motion", "occupancy", "presence",
        "moisture", "smoke",
      ] {
        add("binary_sensor", "on", ["device_class": .string(deviceClass)])
      }
      add(
        "binary_sensor", "off", ["device_class": "moisture", "alexa_display_category": "DOORBELL"])
      add("event", "2026-12-07T06:00:00+00:00", ["device_class": "doorbell"])
      add("event", "unknown", ["device_class": "button"])
      for state in ["0", "2", "unknown"] { add("image_processing", state) }
      add("camera", "idle", ["supported_features": 2])
    }
  }
}
