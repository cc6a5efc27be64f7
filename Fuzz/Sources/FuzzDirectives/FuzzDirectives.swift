import FuzzSupport
import JSONCore

@testable import HomeAssistant

/// Entities of every domain a directive can reach, so planning runs against real shapes.
let entities = ((try? JSONParser.parse(sampleStates))?.array ?? []).compactMap(Entity.init)

/// Any bytes as a directive: decoding, planning against each entity of the directive's
/// domains, and the error reply must never crash.
func fuzzDirectives(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let event = try? JSONParser.parse(bytes(data, size))
  else { return 0 }
  _ = AlexaErrorResponse.make(for: event, type: .invalidValue, message: "fuzz")
  _ = try? NativeSmartHome.targetEntityId(event)
  let header = event["directive"]?["header"]
  let namespace = header?["namespace"]?.string ?? ""
  let name = header?["name"]?.string ?? ""
  let payload = event["directive"]?["payload"] ?? [:]
  var directives = ControlDirective.all.filter { $0.namespace == namespace && $0.name == name }
  if let kind = InstanceController.Kind(rawValue: namespace),
    let directive = try? InstanceControllers.directive(
      kind, name, instance: header?["instance"]?.string ?? "")
  {
    directives.append(directive)
  }
  for directive in directives {
    for entity in entities where directive.domains.contains(entity.domain) {
      _ = try? directive.plan(payload, entity.domain, entity)
      if !directive.needsState(for: entity.domain) {
        _ = try? directive.plan(payload, entity.domain, nil)
      }
    }
  }
  let skill = SkillRequest(event: event)
  _ = (skill.type, skill.intentName, skill.applicationId, skill.accessToken, skill.attributes)
  let text = SkillCarriers.utterance(
    intent: skill.intentName ?? "", query: skill.slot("query") ?? "", language: skill.language)
  _ = SkillResponse(speech: text, card: .simple(title: text, content: text)).json
  return 0
}

@_cdecl("FuzzDirectives_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runLibFuzzer(argc, argv) { data, size in fuzzDirectives(data, size) }
}
