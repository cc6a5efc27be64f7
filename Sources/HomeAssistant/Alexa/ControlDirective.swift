import JSONCore

/// One Alexa control directive as data: the domains it applies to and how its payload
/// becomes a Home Assistant service call. Each belongs to an interface (its file builds
/// it with `AlexaInterface.directive`).
struct ControlDirective: Sendable {
  struct ServiceCall: Sendable {
    let domain: String
    let service: String
    var data: JSONObject = JSONObject()
    /// How many times to call it: step-wise controls (volume steps, channel skips).
    var repeats = 1
    /// A better call that only Home Assistant can tell (a climate's last mode, from its
    /// history), asked just before this one is made; nil keeps this one.
    var refinement:
      (@Sendable (_ client: HomeAssistantClient, _ entityId: String) -> ServiceCall?)? =
        nil
  }

  /// How the call is planned, and so whether the entity's state is read first.
  enum Plan: Sendable {
    /// From the payload (and the entity's domain) alone.
    case payload(@Sendable (_ payload: JSON, _ domain: String) throws -> ServiceCall)
    /// From the entity's current state ("warmer" needs the current colour temperature).
    case state(@Sendable (_ payload: JSON, _ entity: Entity) throws -> ServiceCall)
    /// From the state for these domains only (a vacuum's or a cover's power services
    /// depend on its features), from the payload for the others.
    case stateFor(
      Set<String>,
      @Sendable (_ payload: JSON, _ domain: String, _ entity: Entity?) throws -> ServiceCall)
  }

  /// What the reply is.
  enum Answer: Sendable {
    /// `Alexa.Response` with every property of the entity.
    case response
    /// A response of the interface's own (`Arm.Response`), with every property.
    case named(namespace: String, name: String)
    /// `ActivationStarted` or `DeactivationStarted` (scenes), with EndpointHealth only.
    case activation(name: String)
    /// A report of the interface's own whose payload comes from the call made
    /// (`SeekController.StateReport`: the position moved to), with every property.
    case report(namespace: String, name: String, payload: @Sendable (ServiceCall) -> JSON)
  }

  let namespace: String
  let name: String
  /// The instance the directive's header must name (instance controllers).
  let instance: String?
  let domains: Set<String>
  let answer: Answer
  /// What Home Assistant refusing the call (HTTP 400 or 500) means, when it means more than
  /// a failure of Home Assistant (a wrong alarm code).
  let refusal: AlexaFailure?
  let plan: Plan

  /// Whether planning for `domain` needs the entity's current state.
  func needsState(for domain: String) -> Bool {
    switch plan {
    case .payload: false
    case .state: true
    case .stateFor(let domains, _): domains.contains(domain)
    }
  }

  /// The service call; `entity` is the current state when `needsState(for:)` said so.
  func plan(_ payload: JSON, _ domain: String, _ entity: Entity?) throws -> ServiceCall {
    switch plan {
    case .payload(let plan): return try plan(payload, domain)
    case .state(let plan):
      guard let entity else {
        throw AlexaFailure(type: .internalError, message: "no current state to plan with")
      }
      return try plan(payload, entity)
    case .stateFor(_, let plan): return try plan(payload, domain, entity)
    }
  }

  static func number(_ payload: JSON, _ name: String, in range: ClosedRange<Double>) throws
    -> Double
  {
    guard let value = payload[name]?.number else {
      throw AlexaFailure(type: .invalidValue, message: "\(name) is missing or not a number")
    }
    guard range.contains(value) else { throw AlexaFailure.outOfRange(name, value, range) }
    return value
  }

  /// Every directive of every interface: the routes.
  static let all: [ControlDirective] = AlexaInterfaces.all.flatMap(\.directives)

  /// The directive for a header's namespace, name and instance.
  static let byRoute: [String: ControlDirective] = Dictionary(
    all.map { (routeKey($0.namespace, $0.name, $0.instance), $0) },
    uniquingKeysWith: { first, _ in first })

  static func routeKey(_ namespace: String, _ name: String, _ instance: String?) -> String {
    "\(namespace)/\(name)" + (instance.map { "#" + $0 } ?? "")
  }

  /// The directive a header names, or INVALID_DIRECTIVE.
  static func find(namespace: String, name: String, instance: String?) throws -> ControlDirective {
    guard let directive = byRoute[routeKey(namespace, name, instance)] else {
      let what = instance.map { "\(namespace) instance '\($0)'" } ?? namespace
      throw AlexaFailure(type: .invalidDirective, message: "\(what) has no \(name) directive")
    }
    return directive
  }
}
