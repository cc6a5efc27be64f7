/// Home Assistant's `supported_features` bits (2024.3), named per domain as Home
/// Assistant names them (`FanEntityFeature.SET_SPEED` is `FanFeature.setSpeed`).
enum FanFeature {
  static let setSpeed = 1
  static let oscillate = 2
  static let direction = 4
  static let presetMode = 8
}

enum ClimateFeature {
  static let targetTemperature = 1
  static let targetTemperatureRange = 2
  static let turnOff = 128
  static let turnOn = 256
}

enum WaterHeaterFeature {
  static let targetTemperature = 1
  static let operationMode = 2
  static let onOff = 8
}

enum HumidifierFeature {
  static let modes = 1
}

enum VacuumFeature {
  static let turnOn = 1
  static let turnOff = 2
  static let pause = 4
  static let stop = 8
  static let returnHome = 16
  static let fanSpeed = 32
  static let start = 8192
}

/// Covers; valves share the first four (open, close, set position, stop).
enum CoverFeature {
  static let open = 1
  static let close = 2
  static let setPosition = 4
  static let stop = 8
  static let openTilt = 16
  static let closeTilt = 32
  static let setTiltPosition = 128
  static let openAndClose = open | close
  static let tiltOpenAndClose = openTilt | closeTilt
}

enum MediaPlayerFeature {
  static let pause = 1
  static let volumeSet = 4
  static let volumeMute = 8
  static let previousTrack = 16
  static let nextTrack = 32
  static let turnOn = 128
  static let turnOff = 256
  static let playMedia = 512
  static let volumeStep = 1024
  static let selectSource = 2048
  static let stop = 4096
  static let play = 16384
  static let seek = 2
  static let selectSoundMode = 65536
}

enum RemoteFeature {
  static let activity = 4
}

enum AlarmPanelFeature {
  static let armHome = 1
  static let armAway = 2
  static let armNight = 4
}

/// A temperature scale as Alexa names it.
enum TemperatureScale: String, Sendable {
  case celsius = "CELSIUS"
  case fahrenheit = "FAHRENHEIT"
  case kelvin = "KELVIN"

  /// Home Assistant's `unit_of_measurement` (`°C`, `°F`, `K`), if it is a temperature
  /// unit.
  init?(unit: String?) {
    switch unit {
    case "°C": self = .celsius
    case "°F": self = .fahrenheit
    case "K": self = .kelvin
    default: return nil
    }
  }
}
