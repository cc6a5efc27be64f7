import JSONCore

/// What the owner set for one entity, in Home Assistant (`customize:` adds attributes to
/// the state) or in `ENTITY_CONFIG`: exactly `alexa_name`, `alexa_description`,
/// `alexa_display_category` and `alexa_hidden`. Home Assistant's attributes win.
struct EntityCustomization: Sendable {
  static let keys = ["alexa_name", "alexa_description", "alexa_display_category", "alexa_hidden"]

  /// Amazon's display categories (as its schema lists them).
  static let displayCategories: Set<String> = [
    "ACTIVITY_TRIGGER", "CAMERA", "COMPUTER", "CONTACT_SENSOR", "DOOR", "DOORBELL",
    "EXTERIOR_BLIND", "FAN", "GAME_CONSOLE", "GARAGE_DOOR", "INTERIOR_BLIND", "LAPTOP", "LIGHT",
    "MICROWAVE", "MOBILE_PHONE", "MOTION_SENSOR", "MUSIC_SYSTEM", "NETWORK_HARDWARE", "OTHER",
    "OVEN", "PHONE", "SCENE_TRIGGER", "SCREEN", "SECURITY_PANEL", "SMARTLOCK", "SMARTPLUG",
    "SPEAKER", "STREAMING_DEVICE", "SWITCH", "TABLET", "TEMPERATURE_SENSOR", "THERMOSTAT", "TV",
    "WEARABLE",
  ]

  let name: String?
  let description: String?
  /// A valid display category, upper-cased; nil when unset or unknown (see
  /// `unknownCategory`).
  let displayCategory: String?
  /// What was set when it is not one of Amazon's categories (logged, then ignored).
  let unknownCategory: String?
  let hidden: Bool

  init(_ entity: Entity) {
    let attributes = entity.attributes
    name = attributes["alexa_name"]?.string.map { $0.trimmingWhitespaceRuns() }.flatMap {
      $0.isEmpty ? nil : $0
    }
    description = attributes["alexa_description"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    let category = attributes["alexa_display_category"]?.string?.uppercased()
    displayCategory = category.flatMap { Self.displayCategories.contains($0) ? $0 : nil }
    unknownCategory = category.flatMap { Self.displayCategories.contains($0) ? nil : $0 }
    hidden = attributes["alexa_hidden"]?.bool == true
  }

  /// `state` with `configured`'s keys added where Home Assistant has none of its own.
  static func applying(_ configured: JSONObject?, to state: JSON) -> JSON {
    guard let configured, var root = state.object else { return state }
    var attributes = root["attributes"]?.object ?? JSONObject()
    for key in keys where attributes[key] == nil {
      if let value = configured[key] { attributes[key] = value }
    }
    root["attributes"] = .object(attributes)
    return .object(root)
  }

  /// A name Alexa can say: printable, single-spaced, at most 128 characters; nil when
  /// nothing is left.
  static func spokenName(_ name: String) -> String? {
    let kept = name.map { character -> Character in
      character.isLetter || character.isNumber || " '-.,&+()".contains(character) ? character : " "
    }
    let cleaned = String(kept).trimmingWhitespaceRuns()
    return cleaned.isEmpty ? nil : cleaned.limited(to: 128)
  }
}

extension String {
  /// Leading and trailing whitespace removed, inner runs folded to one space.
  func trimmingWhitespaceRuns() -> String {
    split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
