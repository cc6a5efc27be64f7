import JSONCore

/// Amazon's rules for a Discover.Response beyond its JSON schema: a discovery the schema
/// accepts can still be refused whole by Alexa, with no error anywhere. Each rule cites
/// the page that states it. The discovery report applies them, and every discovery a test
/// produces goes through them.
enum DiscoveryRules {
  struct Problem: Equatable, CustomStringConvertible {
    let endpointId: String?
    let rule: String
    let detail: String

    var description: String { "\(endpointId ?? "discovery"): \(rule): \(detail)" }
  }

  static let discovery = "developer.amazon.com/docs/alexa/device-apis/alexa-discovery.html"
  static let objects = "developer.amazon.com/docs/alexa/device-apis/alexa-discovery-objects.html"
  static let catalog =
    "developer.amazon.com/docs/alexa/device-apis/resources-and-assets.html#global-alexa-catalog"

  /// The asset ids Alexa's global catalog defines, of the kinds this skill names
  /// (friendly names of settings and presets).
  static let catalogAssets: Set<String> = [
    "Alexa.Setting.2GGuestWiFi", "Alexa.Setting.5GGuestWiFi", "Alexa.Setting.Auto",
    "Alexa.Setting.Direction", "Alexa.Setting.DryCycle", "Alexa.Setting.FanSpeed",
    "Alexa.Setting.GuestWiFi", "Alexa.Setting.Heat", "Alexa.Setting.Mode", "Alexa.Setting.Night",
    "Alexa.Setting.Opening", "Alexa.Setting.Oscillate", "Alexa.Setting.Preset",
    "Alexa.Setting.Quiet", "Alexa.Setting.Temperature", "Alexa.Setting.WaterTemperature",
    "Alexa.Value.Delicate", "Alexa.Value.High", "Alexa.Value.Low", "Alexa.Value.Maximum",
    "Alexa.Value.Medium", "Alexa.Value.Minimum", "Alexa.Value.QuickWash",
  ]

  /// The endpoint id's characters (`Alexa.Discovery`, endpoint object).
  private static func isEndpointIdCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: "_-=#;:?@&".utf8.contains(byte)
    }
  }

  /// Every problem of `response` (a Discover.Response event); none when Alexa takes it.
  static func problems(in response: JSON) -> [Problem] {
    problems(of: response["event"]?["payload"]?["endpoints"]?.array ?? [])
  }

  /// Every problem of a Discover.Response's `endpoints`.
  static func problems(of endpoints: [JSON]) -> [Problem] {
    var problems: [Problem] = []
    // Alexa.Discovery, Discover.Response: "up to 300 endpoints".
    if endpoints.count > Discovery.maximumEndpoints {
      problems.append(
        Problem(
          endpointId: nil, rule: "at most 300 endpoints (\(discovery))",
          detail: "\(endpoints.count) endpoints"))
    }
    var seen: Set<String> = []
    for endpoint in endpoints {
      let id = endpoint["endpointId"]?.string ?? ""
      func problem(_ rule: String, _ detail: String) {
        problems.append(Problem(endpointId: id, rule: rule, detail: detail))
      }
      // The endpoint object: endpointId unique in the response, 1–256 characters of
      // letters, digits and _ - = # ; : ? @ &.
      if !seen.insert(id).inserted { problem("unique endpointId (\(discovery))", "repeated") }
      if id.isEmpty || id.utf8.count > 256 || !id.utf8.allSatisfy(isEndpointIdCharacter) {
        problem("endpointId characters and length (\(discovery))", id)
      }
      // friendlyName, description, manufacturerName: 1–128 characters, no control
      // characters (friendlyName: no special characters either; cleaned by Discovery).
      for field in ["friendlyName", "description", "manufacturerName"] {
        let text = endpoint[field]?.string ?? ""
        if text.isEmpty || text.count > 128
          || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
          problem("\(field): 1 to 128 printable characters (\(discovery))", text)
        }
      }
      // displayCategories: at least one, each from Amazon's list.
      let categories = endpoint["displayCategories"]?.array?.compactMap(\.string) ?? []
      if categories.isEmpty {
        problem("a display category (\(discovery)#display-categories)", "none")
      }
      for category in categories where !EntityCustomization.displayCategories.contains(category) {
        problem("display categories from Amazon's list (\(discovery)#display-categories)", category)
      }
      problems += capabilityProblems(endpoint["capabilities"]?.array ?? [], endpointId: id)
    }
    return problems
  }

  private static func capabilityProblems(_ capabilities: [JSON], endpointId id: String)
    -> [Problem]
  {
    var problems: [Problem] = []
    func problem(_ rule: String, _ detail: String) {
      problems.append(Problem(endpointId: id, rule: rule, detail: detail))
    }
    var interfaces: Set<String> = []
    var actionsMapped: [String: String] = [:]
    var statesMappedBy: String?
    for value in capabilities {
      let interface = value["interface"]?.string ?? ""
      let key = value["instance"]?.string.map { "\(interface):\($0)" } ?? interface
      // Capability objects: one per interface, or per interface and instance.
      if !interfaces.insert(key).inserted {
        problem("each interface (and instance) once per endpoint (\(objects))", key)
      }
      let configuration = value["configuration"]
      // RangeController configuration: minimum below maximum, a positive precision, and
      // presets inside the range.
      if let range = configuration?["supportedRange"] {
        let minimum = range["minimumValue"]?.number ?? 0
        let maximum = range["maximumValue"]?.number ?? 0
        if !(minimum < maximum) || !((range["precision"]?.number ?? 0) > 0) {
          problem("a supported range with minimum < maximum and precision > 0 (\(objects))", key)
        }
        for preset in configuration?["presets"]?.array ?? [] {
          let preset = preset["rangeValue"]?.number ?? .nan
          if !(minimum...maximum).contains(preset) {
            problem("presets inside the supported range (\(objects))", "\(key): \(preset)")
          }
        }
      }
      // ModeController configuration: at least one mode, values unique.
      if interface == "Alexa.ModeController" {
        let modes =
          configuration?["supportedModes"]?.array?.compactMap { $0["value"]?.string }
          ?? []
        if modes.isEmpty || Set(modes).count != modes.count {
          problem("at least one mode, each value once (\(objects))", key)
        }
      }
      // Friendly names by asset: only ids of Alexa's global catalog.
      for asset in assets(in: value) where !catalogAssets.contains(asset) {
        problem("asset ids from Alexa's global catalog (\(catalog))", "\(key): \(asset)")
      }
      // Semantics: an action mapped on one capability only, state mappings on one only.
      let semantics = value["semantics"]
      for mapping in semantics?["actionMappings"]?.array ?? [] {
        for action in mapping["actions"]?.array?.compactMap(\.string) ?? [] {
          if let other = actionsMapped.updateValue(key, forKey: action), other != key {
            problem("an action in one capability's actionMappings (\(objects)#semantics)", action)
          }
        }
      }
      if semantics?["stateMappings"] != nil {
        if let other = statesMappedBy, other != key {
          problem("stateMappings on one capability (\(objects)#semantics)", "\(other), \(key)")
        }
        statesMappedBy = key
      }
    }
    // Every endpoint declares the Alexa interface.
    if !interfaces.contains("Alexa") {
      problem("the Alexa interface on every endpoint (\(discovery))", "missing")
    }
    return problems
  }

  /// Every `assetId` named anywhere in a capability entry.
  private static func assets(in value: JSON) -> [String] {
    switch value.resolved {
    case .object(let object):
      object.flatMap { key, child in
        key == "assetId" ? [child.string].compactMap { $0 } : assets(in: child)
      }
    case .array(let array): array.flatMap(assets(in:))
    default: []
    }
  }
}
