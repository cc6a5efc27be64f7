import JSONCore

/// `Alexa.InputController`: "switch the TV to HDMI 2". Alexa accepts only its own input
/// names, so a Home Assistant source is offered when it matches one of them (ignoring
/// case, spaces and punctuation: "hdmi_1" is HDMI 1).
struct InputController: AlexaInterface {
  let namespace = "Alexa.InputController"

  func discovery(for entity: Entity) -> JSON {
    entry(
      supported: ["input"],
      [("inputs", .array(Self.inputs(entity).map { ["name": .string($0.input)] }))])
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let input = Self.currentInput(entity) else { return [] }
    return [property("input", .string(input), at: time)]
  }

  var directives: [ControlDirective] {
    [directive("SelectInput", domains: ["media_player"], .state(Self.selectInput))]
  }

  static let alexaInputNames: [String] =
    ["AUX", "COAX", "COMPOSITE", "HDMI", "INPUT", "LINE", "OPTICAL", "VIDEO"].flatMap { kind in
      (1...(kind == "HDMI" || kind == "INPUT" ? 10 : 7)).map { "\(kind) \($0)" }
    } + [
      "AM", "BLURAY", "BLUETOOTH", "CABLE", "CD", "DOCK", "DVD", "FM", "GAME", "HD RADIO",
      "HDMI ARC", "IPOD", "MEDIA PLAYER", "MUSIC", "NETWORK", "PHONO", "PLAYSTATION",
      "PLAYSTATION 3", "PLAYSTATION 4", "SATELLITE", "SMARTCAST", "TUNER", "TV", "USB DAC",
      "XBOX",
    ]

  /// Folded name → Alexa input name.
  private static let alexaInputs: [String: String] = Dictionary(
    alexaInputNames.map { (folded($0), $0) }, uniquingKeysWith: { first, _ in first })

  static func folded(_ name: String) -> String {
    String(String.UnicodeScalarView(name.uppercased().unicodeScalars.filter(isAlphanumeric)))
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }

  /// Home Assistant source → Alexa input name, for the sources Alexa can name.
  static func inputs(_ entity: Entity) -> [(source: String, input: String)] {
    let sources = entity.attribute("source_list")?.array?.compactMap(\.string) ?? []
    var seen: Set<String> = []
    return sources.compactMap { source in
      guard let input = alexaInputs[folded(source)], seen.insert(input).inserted else {
        return nil
      }
      return (source, input)
    }
  }

  static func hasInputs(_ entity: Entity) -> Bool {
    entity.supportedFeatures & MediaPlayerFeature.selectSource != 0 && !inputs(entity).isEmpty
  }

  static func currentInput(_ entity: Entity) -> String? {
    guard let source = entity.attribute("source")?.string else { return nil }
    return inputs(entity).first { $0.source == source }?.input
  }

  /// `SelectInput`: the source whose name folds to the input Alexa heard.
  static func selectInput(_ payload: JSON, _ entity: Entity) throws -> ControlDirective.ServiceCall
  {
    let wanted = folded(payload["input"]?.string ?? "")
    guard let match = inputs(entity).first(where: { folded($0.input) == wanted }) else {
      throw AlexaFailure(
        type: .invalidValue,
        message: "\(entity.friendlyName) has no input '\(payload["input"]?.string ?? "")'")
    }
    return ControlDirective.ServiceCall(
      domain: "media_player", service: "select_source",
      data: JSONObject([("source", .string(match.source))]))
  }
}

extension Capability {
  static let input = Capability(InputController())
}
