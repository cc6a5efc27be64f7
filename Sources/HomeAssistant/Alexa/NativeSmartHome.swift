import Engine
import JSONCore

/// `ALEXA_MODE=native`: the engine itself translates directives to Home Assistant's REST
/// API. One route per directive in the fast-path table, derived from the interfaces'
/// directives (`ControlDirective.all`).
enum NativeSmartHome {
  static func register(
    into table: inout RouteTable, _ settings: HomeAssistantSettings, events: AlexaEvents?
  ) {
    let install = SmartHomeInstall(settings, events: events)
    table.fallback(for: .smartHome) { context, _ in
      .json(
        AlexaErrorResponse.make(
          for: context.event, type: .invalidDirective,
          message: "Unsupported directive \(context.route.key)"))
    }
    table.register(.smartHome(namespace: "Alexa.Discovery", name: "Discover")) { context, gateway in
      let home = try install.session(context, gateway)
      let entities = try home.client.states()
        .compactMap { Entity(HomeAssistantSettings.apply(home.entityConfig, to: $0)) }
        .filter { install.filter.allows($0) }
      return .json(
        Discovery.response(
          entities: entities, logger: home.services.logging,
          facts: DeviceFacts.lookUp(home.client, home.services), proactive: events != nil))
    }
    table.register(.smartHome(namespace: "Alexa", name: "ReportState")) { context, gateway in
      let id = try targetEntityId(context.event)
      try EndpointRules.requireVisible(id, install.filter)
      let home = try install.session(context, gateway)
      let entity = try home.read(id.description)
      let offered = EndpointRules.remember(entity, in: home.services.cache)
      guard !offered.contains(EndpointRules.notAnEndpoint) else {
        throw AlexaFailure(type: .noSuchEndpoint, message: "\(id) is not an Alexa endpoint")
      }
      return .json(home.reply(entity: entity, namespace: "Alexa", name: "StateReport"))
    }
    for directive in routedDirectives {
      let route = Route.smartHome(namespace: directive.namespace, name: directive.name)
      if directive.instance == nil {
        table.register(route) { context, gateway in
          .json(try control(directive, context, gateway, install))
        }
      } else {
        // Range, Mode and Toggle directives name their instance (cover.tilt) in the header.
        table.register(route) { context, gateway in
          let instance = context.event["directive"]?["header"]?["instance"]?.string ?? ""
          let named = try ControlDirective.find(
            namespace: directive.namespace, name: directive.name, instance: instance)
          return .json(try control(named, context, gateway, install))
        }
      }
    }
    table.register(.smartHome(namespace: "Alexa.Authorization", name: "AcceptGrant")) {
      context, gateway in
      try AcceptGrant.answer(context, gateway, settings, events: events)
    }
  }

  /// One directive per namespace and name: instance directives share a route and find
  /// their row by the header's instance.
  static let routedDirectives: [ControlDirective] = {
    var seen: Set<String> = []
    return ControlDirective.all.filter { seen.insert("\($0.namespace)/\($0.name)").inserted }
  }()

  /// Checks the directive against discovery's rules, plans the call, makes it, and answers
  /// with the state the call returned (re-read only when it returned none, and again while
  /// the entity is still on its way, see `Settling`): never the state from before.
  static func control(
    _ directive: ControlDirective, _ context: EventContext, _ gateway: Gateway,
    _ install: SmartHomeInstall
  ) throws -> JSON {
    let id = try targetEntityId(context.event)
    let (entityId, domain) = (id.description, id.domain)
    guard directive.domains.contains(domain) else {
      throw AlexaFailure(
        type: .invalidDirective,
        message: "\(directive.namespace).\(directive.name) does not apply to \(domain) entities")
    }
    try EndpointRules.requireVisible(id, install.filter)
    let home = try install.session(context, gateway)
    let key = EndpointRules.key(namespace: directive.namespace, instance: directive.instance)
    // What discovery offers the entity (it depends on attributes: features, device class,
    // the owner's alexa_hidden), from the cache or a state read.
    let cache = home.services.cache
    var current: Entity?
    var offered =
      directive.needsState(for: domain) ? nil : EndpointRules.remembered(entityId, in: cache)
    if offered == nil {
      let entity = try home.read(entityId)
      offered = EndpointRules.remember(entity, in: cache)
      current = entity
    }
    try EndpointRules.requireOffered(key, offered, entityId: entityId)
    var call = try directive.plan(
      context.event["directive"]?["payload"] ?? [:], domain,
      directive.needsState(for: domain) ? current : nil)
    if let better = call.refinement?(home.client, entityId) { call = better }
    call.data["entity_id"] = .string(entityId)
    let changed = try perform(call, home.client, refusal: directive.refusal)
    // The last state the call produced: a lock reports "locking" first, then "locked".
    let returned = changed.last(where: { $0["entity_id"]?.string == entityId })
    var entity = try returned.map { try home.entity(from: $0, entityId) } ?? home.read(entityId)
    if let events = install.events, DeferredReply.applies(to: entity),
      let deferred = DeferredReply.start(entity, home, events)
    {
      return deferred
    }
    entity = try Settling.settled(entity, home)
    switch directive.answer {
    case .response:
      return home.reply(entity: entity, namespace: "Alexa", name: "Response")
    case .named(let namespace, let name):
      return home.reply(entity: entity, namespace: namespace, name: name)
    case .activation(let name):
      return SceneController.reply(context.event, entity: entity, name: name)
    case .report(let namespace, let name, let payload):
      return home.reply(entity: entity, namespace: namespace, name: name, payload: payload(call))
    }
  }

  /// Makes the call (once per step) and returns the states it changed. A refusal (HTTP 400
  /// or 500) becomes `refusal` when the directive says what it means.
  static func perform(
    _ call: ControlDirective.ServiceCall, _ client: HomeAssistantClient, refusal: AlexaFailure?
  ) throws -> [JSON] {
    var changed: [JSON] = []
    for _ in 0..<call.repeats {
      do {
        changed = try client.callService(call.domain, call.service, data: .object(call.data))
      } catch {
        if let refusal, case .badStatus(let status) = error, status == 400 || status == 500 {
          throw refusal
        }
        throw error
      }
    }
    return changed
  }

  static func targetEntityId(_ event: JSON) throws -> EntityId {
    guard let endpointId = event["directive"]?["endpoint"]?["endpointId"]?.string else {
      throw AlexaFailure(type: .invalidDirective, message: "the directive names no endpoint")
    }
    guard let id = EntityId(endpointId: endpointId) else {
      throw AlexaFailure(
        type: .noSuchEndpoint, message: "\(endpointId) is not an endpoint of this skill")
    }
    return id
  }
}
