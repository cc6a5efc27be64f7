import FuzzSupport
import JSONCore

@testable import HomeAssistant

/// Entities of every domain a directive can reach, so planning runs against real shapes.
let entities = ((try? JSONParser.parse(sampleStates))?.array ?? []).compactMap(Entity.init)

/// Any bytes as a directive: decoding, planning against each entity of the directive's
/// domains, and the error reply must never crash. The entity's attributes are fuzzed too:
/// the input's own `attributes` object merged over the sample's, and each attribute in
/// turn missing, empty, of the wrong type or huge (chosen by the input's bytes), because
/// Home Assistant's replies reach planning as much as Alexa's directives do.
func fuzzDirectives(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = bytes(data, size)
  guard let event = try? JSONParser.parse(input)
  else { return 0 }
  _ = AlexaErrorResponse.make(for: event, type: .invalidValue, message: "fuzz")
  _ = try? NativeSmartHome.targetEntityId(event)
  let header = event["directive"]?["header"]
  let namespace = header?["namespace"]?.string ?? ""
  let name = header?["name"]?.string ?? ""
  let payload = event["directive"]?["payload"] ?? [:]
  var directives = ControlDirective.all.filter {
    $0.namespace == namespace && $0.name == name && $0.instance == nil
  }
  if let directive = try? ControlDirective.find(
    namespace: namespace, name: name, instance: header?["instance"]?.string ?? "")
  {
    directives.append(directive)
  }
  for directive in directives {
    for sample in entities where directive.domains.contains(sample.domain) {
      for entity in AttributeMutations.variants(of: sample, input: input, fuzzed: event) {
        _ = try? directive.plan(payload, entity.domain, entity)
        _ = DiscoveryTable.profile(for: entity)?.capabilities.map {
          $0.properties(of: entity, at: "2026-01-01T00:00:00Z")
        }
      }
      if !directive.needsState(for: sample.domain) {
        _ = try? directive.plan(payload, sample.domain, nil)
      }
    }
  }
  let skill = SkillRequest(event: event)
  _ = (
    skill.intentName, skill.applicationId, skill.accessToken, skill.attributes, skill.requestId,
    skill.apiEndpoint, skill.apiAccessToken
  )
  let text = skill.language.utterance(
    intent: skill.intentName ?? "", query: skill.slot("query") ?? "")
  _ = SkillResponse(speech: text, card: .simple(title: text, content: text)).json
  return 0
}

/// Home Assistant attributes as they may really arrive: missing, empty, mistyped, huge.
enum AttributeMutations {
  static let replacements: [JSON] = [
    .null, "", [], [:], .bool(true), .number(-1), .number(0), .number(1e308), .number(-1e308),
    .number(0.000_001), .string(String(repeating: "x", count: 4096)),
    .array(Array(repeating: "mode", count: 1000)), .array([.null, .number(1), [:]]),
  ]

  static func variants(of entity: Entity, input: [UInt8], fuzzed: JSON) -> [Entity] {
    guard let attributes = entity.attributes.object else { return [entity] }
    var variants = [entity]
    func with(_ changed: JSONObject, state: JSON? = nil) {
      var json = entity.json.object ?? JSONObject()
      json["attributes"] = .object(changed)
      if let state { json["state"] = state }
      if let variant = Entity(.object(json)) { variants.append(variant) }
    }
    // The input's own attributes (and state), merged over the sample's.
    if let own = fuzzed["attributes"]?.object {
      var merged = attributes
      for (key, value) in own { merged[key] = value }
      with(merged, state: fuzzed["state"])
    }
    // Every attribute in turn: removed, then replaced by a value the input chooses.
    for (position, member) in attributes.enumerated() {
      var removed = attributes
      removed[member.key] = nil
      with(removed)
      let byte = input.isEmpty ? 0 : Int(input[position % input.count])
      var replaced = attributes
      replaced[member.key] = replacements[byte % replacements.count]
      with(replaced)
    }
    with(JSONObject())
    return variants
  }
}

@_cdecl("FuzzDirectives_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runLibFuzzer(argc, argv) { data, size in fuzzDirectives(data, size) }
}
