import JSONCore

/// What the owner set for one entity, in Home Assistant (`customize:` adds attributes to
/// the state) or in `ENTITY_CONFIG`: exactly `alexa_name`, `alexa_description`,
/// `alexa_display_category`, `alexa_hidden` and `alexa_pinned`. Home Assistant's
/// attributes win.
struct EntityCustomization: Sendable {

  /// The JSON type each key takes in `ENTITY_CONFIG`: a hidden flag written as the string
  /// "true" must fail loudly, not be read as "not hidden".
  enum ValueType: CustomStringConvertible {
    case text, flag

    func accepts(_ value: JSON) -> Bool {
      switch self {
      case .text: value.string != nil
      case .flag: value.bool != nil
      }
    }

    var description: String {
      switch self {
      case .text: "a string"
      case .flag: "true or false"
      }
    }
  }

  /// The keys, in order, each with its type.
  static let fields: [(key: String, type: ValueType)] = [
    ("alexa_name", .text), ("alexa_description", .text), ("alexa_display_category", .text),
    ("alexa_hidden", .flag), ("alexa_pinned", .flag),
  ]
  static let keys = fields.map(\.key)
  static let types = Dictionary(uniqueKeysWithValues: fields)

  /// Amazon's display categories as its Discovery documentation lists them today
  /// (developer.amazon.com/docs/alexa/device-apis/alexa-discovery.html#display-categories;
  /// the device templates recommend AIR_CONDITIONER, AIR_PURIFIER, VACUUM_CLEANER,
  /// WATER_HEATER…). The published JSON schema's enum is older and lacks a third of them.
  static let displayCategories: Set<String> = [
    "ACTIVITY_TRIGGER", "AIR_CONDITIONER", "AIR_FRESHENER", "AIR_PURIFIER",
    "AIR_QUALITY_MONITOR", "ALEXA_VOICE_ENABLED", "AUTO_ACCESSORY", "BLUETOOTH_SPEAKER", "CAMERA",
    "CHRISTMAS_TREE", "COFFEE_MAKER", "COMPUTER", "CONTACT_SENSOR", "DISHWASHER", "DOOR",
    "DOORBELL", "DRYER", "EXTERIOR_BLIND", "FAN", "GAME_CONSOLE", "GARAGE_DOOR", "HEADPHONES",
    "HUB", "INTERIOR_BLIND", "LAPTOP", "LIGHT", "MICROWAVE", "MOBILE_PHONE", "MOTION_SENSOR",
    "MUSIC_SYSTEM", "NETWORK_HARDWARE", "OTHER", "OVEN", "PHONE", "PRINTER", "REMOTE", "ROUTER",
    "SCENE_TRIGGER", "SCREEN", "SECURITY_PANEL", "SECURITY_SYSTEM", "SLOW_COOKER", "SMARTLOCK",
    "SMARTPLUG", "SPEAKER", "STREAMING_DEVICE", "SWITCH", "TABLET", "TEMPERATURE_SENSOR",
    "THERMOSTAT", "TV", "VACUUM_CLEANER", "VEHICLE", "WASHER", "WATER_HEATER", "WEARABLE",
  ]

  let name: String?
  let description: String?
  /// A valid display category, upper-cased; nil when unset or unknown (see
  /// `unknownCategory`).
  let displayCategory: String?
  /// What was set when it is not one of Amazon's categories (logged, then ignored).
  let unknownCategory: String?
  let hidden: Bool
  /// Kept among Alexa's 300 endpoints before any other (`EndpointPriority`).
  let pinned: Bool

  /// One pass over the attributes: most entities have none of these keys, and discovery
  /// asks for every entity.
  init(_ entity: Entity) {
    var (name, description, category) = (String?.none, String?.none, String?.none)
    var (hidden, pinned) = (false, false)
    for (key, value) in entity.attributeObject
    where key.utf8.first == UInt8(ascii: "a") && key.hasPrefix("alexa_") {
      switch key {
      case "alexa_name": name = value.string?.trimmingWhitespaceRuns()
      case "alexa_description": description = value.string
      case "alexa_display_category": category = value.string?.uppercased()
      case "alexa_hidden": hidden = value.bool == true
      case "alexa_pinned": pinned = value.bool == true
      default: break
      }
    }
    self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    self.description = description.flatMap { $0.isEmpty ? nil : $0 }
    displayCategory = category.flatMap { Self.displayCategories.contains($0) ? $0 : nil }
    unknownCategory = category.flatMap { Self.displayCategories.contains($0) ? nil : $0 }
    self.hidden = hidden
    self.pinned = pinned
  }

  /// The entity's valid `alexa_display_category`, read alone (the discovery table asks
  /// for it for every entity).
  static func displayCategory(of entity: Entity) -> String? {
    guard let category = entity.attribute("alexa_display_category")?.string?.uppercased(),
      displayCategories.contains(category)
    else { return nil }
    return category
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
    if isPlainlySpoken(name) { return name }
    let kept = name.map { character -> Character in
      character.isLetter || character.isNumber || " '-.,&+()".contains(character) ? character : " "
    }
    let cleaned = String(kept).trimmingWhitespaceRuns()
    return cleaned.isEmpty ? nil : cleaned.limited(to: 128)
  }
}

extension EntityCustomization {
  /// Most names need no cleaning: ASCII letters, digits, single inner spaces and the
  /// punctuation kept anyway, at most 128 bytes. A byte scan says so without walking
  /// grapheme clusters.
  static func isPlainlySpoken(_ name: String) -> Bool {
    name.utf8.withContiguousStorageIfAvailable(isPlainlySpoken) ?? false
  }

  private static func isPlainlySpoken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
      bytes.count <= 128
    else { return false }
    var previousSpace = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "'"), UInt8(ascii: "-"),
        UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "&"), UInt8(ascii: "+"),
        UInt8(ascii: "("), UInt8(ascii: ")"):
        previousSpace = false
      case 0x20:
        if previousSpace { return false }
        previousSpace = true
      default: return false
      }
    }
    return true
  }
}

extension String {
  /// Leading and trailing whitespace removed, inner runs folded to one space.
  func trimmingWhitespaceRuns() -> String {
    split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
