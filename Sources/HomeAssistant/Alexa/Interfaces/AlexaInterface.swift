import JSONCore

/// One Alexa interface, whole: its discovery entry, the properties it reports for an
/// entity (in replies and StateReport), and the directives it answers with the service
/// calls they make. Each interface is one file in this folder; `DiscoveryTable` says
/// which entities get it, the route table is derived from the interfaces' directives,
/// and a test keeps both the same set. See README.md here.
protocol AlexaInterface: Sendable {
  /// `Alexa.PowerController`.
  var namespace: String { get }
  /// The instance of a RangeController, ModeController or ToggleController entry.
  var instance: String? { get }
  /// The interface's version in discovery: "3" for most, "1.0" for some newer ones.
  var version: String { get }
  /// The discovery entry for `entity` (most are constant, serialised once).
  func discovery(for entity: Entity) -> JSON
  /// What it reports for `entity`; a value the state cannot express is left out.
  func properties(of entity: Entity, at time: String) -> [JSON]
  /// Its control directives.
  var directives: [ControlDirective] { get }
  /// Whether `entity` can be offered it at all (a ModeController needs two modes).
  func isExpressible(for entity: Entity) -> Bool
  /// Whether Home Assistant's changes to it reach Alexa unasked (the push path's
  /// ChangeReport or DoorbellPress), so that with events on discovery marks its properties
  /// `proactivelyReported`.
  var isPushed: Bool { get }
  /// Whether its entry carries open/close semantics (a cover's position or tilt). Alexa
  /// refuses a whole discovery whose endpoint maps one action or state on two
  /// capabilities (Home Assistant's issue 30852), so an endpoint's first such capability
  /// keeps them and the others are announced without (`discoveryWithoutSemantics`).
  var hasSemantics: Bool { get }
  func discoveryWithoutSemantics(for entity: Entity) -> JSON
}

extension AlexaInterface {
  var instance: String? { nil }
  var version: String { "3" }
  var directives: [ControlDirective] { [] }
  func properties(of entity: Entity, at time: String) -> [JSON] { [] }
  func isExpressible(for entity: Entity) -> Bool { true }
  var isPushed: Bool { true }
  var hasSemantics: Bool { false }
  func discoveryWithoutSemantics(for entity: Entity) -> JSON { discovery(for: entity) }

  /// `Alexa.RangeController:cover.position`, or the namespace alone: what discovery
  /// announces and control checks.
  var key: String { instance.map { "\(namespace):\($0)" } ?? namespace }

  /// One reported property of this interface.
  func property(_ name: String, _ value: JSON, at time: String) -> JSON {
    var entry = JSONObject()
    entry.appendUnique("namespace", .string(namespace))
    if let instance { entry.appendUnique("instance", .string(instance)) }
    entry.appendUnique("name", .string(name))
    entry.appendUnique("value", value)
    entry.appendUnique("timeOfSample", .string(time))
    entry.appendUnique("uncertaintyInMilliseconds", 0)
    return .object(entry)
  }

  /// One of this interface's directives: `plan` turns its payload (and, when the plan
  /// says so, the entity's current state) into a Home Assistant service call.
  func directive(
    _ name: String, domains: Set<String>, answer: ControlDirective.Answer = .response,
    refusal: AlexaFailure? = nil, _ plan: ControlDirective.Plan
  ) -> ControlDirective {
    ControlDirective(
      namespace: namespace, name: name, instance: instance, domains: domains, answer: answer,
      refusal: refusal, plan: plan)
  }

  /// The discovery entry every interface shares: type, interface, version, the instance,
  /// the supported properties (when it has any), then its own members.
  func entry(supported: [String] = [], _ extra: [(String, JSON)] = []) -> JSON {
    var entry = JSONObject()
    entry.appendUnique("type", "AlexaInterface")
    entry.appendUnique("interface", .string(namespace))
    entry.appendUnique("version", .string(version))
    if let instance { entry.appendUnique("instance", .string(instance)) }
    if !supported.isEmpty {
      entry.appendUnique(
        "properties",
        [
          "supported": .array(supported.map { ["name": .string($0)] }),
          "proactivelyReported": false, "retrievable": true,
        ])
    }
    for (key, value) in extra { entry.appendUnique(key, value) }
    return .object(entry)
  }

  /// `entry` serialised once, for interfaces whose entry is the same for every entity.
  func constantEntry(supported: [String] = [], _ extra: [(String, JSON)] = []) -> JSON {
    .fragment(JSONFragment(entry(supported: supported, extra)))
  }
}

/// An interface as the discovery table names it (`.power`, `.instance(…)`): each
/// interface's file declares its own.
struct Capability: Sendable {
  let interface: any AlexaInterface

  init(_ interface: any AlexaInterface) { self.interface = interface }

  var namespace: String { interface.namespace }
  var key: String { interface.key }
  func discovery(for entity: Entity) -> JSON { interface.discovery(for: entity) }
  func properties(of entity: Entity, at time: String) -> [JSON] {
    interface.properties(of: entity, at: time)
  }
  func isExpressible(for entity: Entity) -> Bool { interface.isExpressible(for: entity) }
}
