import Engine
import JSONCore

/// `ALEXA_MODE=native`: the engine itself translates directives to Home Assistant's REST
/// API. One route per directive in the fast-path table, derived from the interfaces'
/// directives (`ControlDirective.all`).
enum NativeSmartHome {
  static func register(
    into table: inout RouteTable, _ settings: HomeAssistantSettings, events: AlexaEvents?
  ) {
    let filter = EntityFilter(settings)  // built once: the same rules for every event
    table.fallback(for: .smartHome) { context, _ in
      .json(
        AlexaErrorResponse.make(
          for: context.event, type: .invalidDirective,
          message: "Unsupported directive \(context.route.key)"))
    }
    table.register(.smartHome(namespace: "Alexa.Discovery", name: "Discover")) { context, gateway in
      let client = try HomeAssistantClient.forEvent(context, gateway, settings)
      let config = try settings.entityConfig(gateway.services)
      let entities = try client.states().map { HomeAssistantSettings.apply(config, to: $0) }
        .compactMap(Entity.init)
        .filter { filter.allows($0) }
      return .json(
        Discovery.response(
          entities: entities, logger: gateway.services.logging,
          facts: DeviceFacts.lookUp(client, gateway.services),
          proactive: events != nil))
    }
    table.register(.smartHome(namespace: "Alexa", name: "ReportState")) { context, gateway in
      let id = try targetEntityId(context.event)
      try EndpointRules.requireVisible(id, filter)
      let client = try HomeAssistantClient.forEvent(context, gateway, settings)
      let entity = try read(
        id.description, client, gateway, config: try settings.entityConfig(gateway.services))
      let offered = EndpointRules.remember(entity, in: gateway.services.cache)
      guard !offered.contains(EndpointRules.notAnEndpoint) else {
        throw AlexaFailure(type: .noSuchEndpoint, message: "\(id) is not an Alexa endpoint")
      }
      return .json(reply(context.event, entity: entity, namespace: "Alexa", name: "StateReport"))
    }
    for directive in routedDirectives {
      let route = Route.smartHome(namespace: directive.namespace, name: directive.name)
      if directive.instance == nil {
        table.register(route) { context, gateway in
          .json(try control(directive, context, gateway, settings, filter, events))
        }
      } else {
        // Range, Mode and Toggle directives name their instance (cover.tilt) in the header.
        table.register(route) { context, gateway in
          let instance = context.event["directive"]?["header"]?["instance"]?.string ?? ""
          let named = try ControlDirective.find(
            namespace: directive.namespace, name: directive.name, instance: instance)
          return .json(try control(named, context, gateway, settings, filter, events))
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
    _ settings: HomeAssistantSettings, _ filter: EntityFilter, _ events: AlexaEvents?
  ) throws -> JSON {
    let id = try targetEntityId(context.event)
    let (entityId, domain) = (id.description, id.domain)
    guard directive.domains.contains(domain) else {
      throw AlexaFailure(
        type: .invalidDirective,
        message: "\(directive.namespace).\(directive.name) does not apply to \(domain) entities")
    }
    try EndpointRules.requireVisible(id, filter)
    let client = try HomeAssistantClient.forEvent(context, gateway, settings)
    let key = EndpointRules.key(namespace: directive.namespace, instance: directive.instance)
    // What discovery offers the entity (it depends on attributes: features, device class,
    // the owner's alexa_hidden), from the cache or a state read.
    let cache = gateway.services.cache
    let config = try settings.entityConfig(gateway.services)
    var current: Entity?
    var offered =
      directive.needsState(for: domain) ? nil : EndpointRules.remembered(entityId, in: cache)
    if offered == nil {
      let entity = try read(entityId, client, gateway, config: config)
      offered = EndpointRules.remember(entity, in: cache)
      current = entity
    }
    try EndpointRules.requireOffered(key, offered, entityId: entityId)
    var call = try directive.plan(
      context.event["directive"]?["payload"] ?? [:], domain,
      directive.needsState(for: domain) ? current : nil)
    if let better = call.refinement?(client, entityId) { call = better }
    call.data["entity_id"] = .string(entityId)
    let changed = try perform(call, client, refusal: directive.refusal)
    // The last state the call produced: a lock reports "locking" first, then "locked".
    var entity: Entity
    if let returned = changed.last(where: { $0["entity_id"]?.string == entityId }) {
      entity = try scaled(
        available(HomeAssistantSettings.apply(config, to: returned), entityId), client, gateway)
    } else {
      entity = try read(entityId, client, gateway, config: config)
    }
    if let events, DeferredReply.applies(to: entity),
      let deferred = DeferredReply.start(entity, context, client, events, gateway)
    {
      return deferred
    }
    entity = try Settling.settled(entity, client, gateway)
    switch directive.answer {
    case .response:
      return reply(context.event, entity: entity, namespace: "Alexa", name: "Response")
    case .named(let namespace, let name):
      return reply(context.event, entity: entity, namespace: namespace, name: name)
    case .activation(let name):
      return SceneController.reply(context.event, entity: entity, name: name)
    case .report(let namespace, let name, let payload):
      let (correlationToken, endpointId) = AlexaMessage.echo(context.event)
      return AlexaMessage.event(
        header: AlexaMessage.header(
          namespace: namespace, name: name, correlationToken: correlationToken),
        endpointId: endpointId, payload: payload(call),
        properties: DiscoveryTable.properties(of: entity, at: AlexaMessage.now()))
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

  /// The entity as Home Assistant has it now, with the owner's entity settings applied.
  static func read(
    _ entityId: String, _ client: HomeAssistantClient, _ gateway: Gateway,
    config: [String: JSONObject]
  ) throws -> Entity {
    let state = try client.state(entityId).map { HomeAssistantSettings.apply(config, to: $0) }
    return try scaled(available(state, entityId), client, gateway)
  }

  /// The entity, if Home Assistant knows it and it is available.
  static func available(_ state: JSON?, _ entityId: String) throws -> Entity {
    guard let state, let entity = Entity(state) else {
      throw AlexaFailure(type: .noSuchEndpoint, message: "Home Assistant has no entity \(entityId)")
    }
    guard !entity.isUnavailable else {
      throw AlexaFailure(
        type: .endpointUnreachable,
        message: "\(entity.friendlyName) is unavailable in Home Assistant")
    }
    return entity
  }

  /// Thermostats report in Home Assistant's unit, read once from /api/config and cached.
  static func scaled(_ entity: Entity, _ client: HomeAssistantClient, _ gateway: Gateway) throws
    -> Entity
  {
    guard ThermostatController.domains.contains(entity.domain) else { return entity }
    let cache = gateway.services.cache
    var scaled = entity
    if let scale = cache.value(for: "ha:temperature-scale", as: TemperatureScale.self) {
      scaled.temperatureScale = scale
    } else if let config = try? client.config() {
      let unit = config["unit_system"]?["temperature"]?.string
      scaled.temperatureScale = TemperatureScale(unit: unit) ?? .celsius
      cache.set(scaled.temperatureScale, for: "ha:temperature-scale", bytes: 64, ttlSeconds: 3600)
    }
    return scaled
  }

  /// Response or StateReport with every property of the entity's interfaces.
  static func reply(_ event: JSON, entity: Entity, namespace: String, name: String) -> JSON {
    let properties = DiscoveryTable.properties(of: entity, at: AlexaMessage.now())
    let (correlationToken, endpointId) = AlexaMessage.echo(event)
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: namespace, name: name, correlationToken: correlationToken),
      endpointId: endpointId, properties: properties)
  }
}
