import Engine
import FuzzSupport
import JSONCore
import LambdaRuntime

@testable import HomeAssistant

let filter = EntityFilter(try! HomeAssistantSettings(environment: [:]))

/// Any bytes as Home Assistant's answer: a state list through discovery, each state
/// through every property of its capabilities, and an Assist answer; as a push from its
/// package (two states through ChangeReport and DoorbellPress, proactive discovery
/// marking), as a stored grant, as Home Assistant's timestamp and as the owner's
/// ENTITY_CONFIG. Never a crash, and discovery stays within Alexa's 300 endpoints.
func fuzzStates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = bytes(data, size)
  let text = String(decoding: input, as: UTF8.self)
  _ = AlexaGrant(text)
  _ = Timestamp.milliseconds(text)
  _ = try? HomeAssistantSettings.entityConfig(text)
  if let change = try? PushEndpoint.Change(input, [:]) {
    _ = ChangeReport.make(old: change.old, new: change.new, cause: "PHYSICAL_INTERACTION")?("t")
    _ = DoorbellPress.make(old: change.old, new: change.new)?("t")
    _ = Discovery.endpoint(for: change.new, marking: ProactiveMarking())
  }
  guard let json = try? JSONParser.parse(input)
  else { return 0 }
  _ = AssistAnswer(json)
  let states = json.array ?? [json]
  // The logging service is single-threaded (not Sendable): one per input.
  let logger = Logger(sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor())
  let reply = Discovery.response(states: states, filter: filter, logger: logger)
  guard (reply["event"]?["payload"]?["endpoints"]?.array?.count ?? 0) <= 300 else {
    fatalError("more than 300 endpoints")
  }
  _ = JSONWriter().bytes(reply)
  for entity in states.compactMap(Entity.init) {
    for capability in DiscoveryTable.profile(for: entity)?.capabilities ?? [] {
      _ = capability.properties(of: entity, at: "2026-01-01T00:00:00Z")
    }
  }
  return 0
}

@_cdecl("FuzzStates_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runLibFuzzer(argc, argv) { data, size in fuzzStates(data, size) }
}
