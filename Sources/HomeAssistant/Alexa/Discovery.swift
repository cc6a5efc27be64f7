import Engine
import JSONCore

/// Discover.Response from one `/api/states` call, through the discovery table.
enum Discovery {
  /// Alexa accepts at most 300 endpoints per skill.
  static let maximumEndpoints = 300

  static func response(
    states: [JSON], filter: EntityFilter, logger: Logger, facts: [String: DeviceFacts.Facts] = [:],
    proactive: Bool = false
  ) -> JSON {
    response(
      entities: states.compactMap(Entity.init).filter { filter.allows($0) }, logger: logger,
      facts: facts, proactive: proactive)
  }

  /// Discover.Response for entities the filter lets through; `proactive`: events are on,
  /// and the properties say so (`ProactiveMarking`).
  static func response(
    entities: [Entity], logger: Logger, facts: [String: DeviceFacts.Facts],
    proactive: Bool = false
  ) -> JSON {
    let marking = proactive ? ProactiveMarking() : nil
    let candidates =
      entities
      .sorted { $0.entityId < $1.entityId }
      .compactMap { entity in
        endpoint(for: entity, logger: logger, facts: facts[entity.entityId], marking: marking)
          .map { (entity, $0) }
      }
    let (kept, dropped) = EndpointPriority.cap(candidates, at: maximumEndpoints) { $0.0 }
    warnAboutSharedNames(
      kept.map { ($0.0.entityId, $0.1["friendlyName"]?.string ?? "") }, logger)
    if !dropped.isEmpty {
      logger.warn(
        "Alexa accepts \(maximumEndpoints) endpoints; \(dropped.count) left out, those people control least (alexa_pinned keeps one in)",
        fields: [("dropped", .array(dropped.map { JSON.string($0.0.entityId) }))])
    }
    let endpoints = kept.map(\.1)
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: "Alexa.Discovery", name: "Discover.Response", correlationToken: nil),
      endpointId: nil, payload: ["endpoints": .array(Array(endpoints))])
  }

  static func endpoint(
    for entity: Entity, logger: Logger? = nil, facts: DeviceFacts.Facts? = nil,
    marking: ProactiveMarking? = nil
  ) -> JSON? {
    let customization = EntityCustomization(entity)
    if let unknown = customization.unknownCategory {
      logger?.warn(
        "\(entity.entityId): alexa_display_category \(unknown) is not one of Amazon's; ignored")
    }
    guard !customization.hidden,
      let profile = DiscoveryTable.profile(for: entity, category: customization.displayCategory),
      SecurityPolicy.isValidIdentifier(entity.endpointId)
    else { return nil }
    var endpoint = JSONObject()  // keys known distinct: appended without a search
    endpoint.appendUnique("endpointId", .string(entity.endpointId))
    endpoint.appendUnique("manufacturerName", "Home Assistant")
    endpoint.appendUnique("friendlyName", .string(spokenName(entity, customization)))
    endpoint.appendUnique(
      "description",
      .string(
        (customization.description ?? description(entity, area: facts?.area)).limited(to: 128)))
    endpoint.appendUnique("displayCategories", [.string(profile.category)])
    endpoint.appendUnique(
      "capabilities", .array(capabilities(profile.capabilities, for: entity, marking)))
    if let attributes = DeviceFacts.additionalAttributes(facts) {
      endpoint.appendUnique("additionalAttributes", attributes)
    }
    return .object(endpoint)
  }

  /// The endpoint's capability entries: open/close semantics on its first capability
  /// that has them alone (see `AlexaInterface.hasSemantics`), marked when events are on.
  private static func capabilities(
    _ capabilities: [Capability], for entity: Entity, _ marking: ProactiveMarking?
  ) -> [JSON] {
    var semanticsGiven = false
    var entries: [JSON] = []
    entries.reserveCapacity(capabilities.count)
    for capability in capabilities {
      let interface = capability.interface
      if interface.hasSemantics, semanticsGiven {
        entries.append(interface.discoveryWithoutSemantics(for: entity))
      } else {
        semanticsGiven = semanticsGiven || interface.hasSemantics
        entries.append(interface.discovery(for: entity))
      }
    }
    guard let marking else { return entries }
    return marking.marking(Array(zip(capabilities, entries)))
  }

  /// Where it is and what it is: "Kitchen · light via Home Assistant", or without an area
  /// "Kitchen Lights (light) via Home Assistant".
  static func description(_ entity: Entity, area: String?) -> String {
    let kind = entity.domain.contains("_") ? entity.domain.replacing("_", with: " ") : entity.domain
    guard let area else { return "\(entity.friendlyName) (\(kind)) via Home Assistant" }
    return "\(area) · \(kind) via Home Assistant"
  }

  /// What Alexa will call the entity: `alexa_name`, else its friendly name, cleaned to
  /// what Alexa accepts; its object id as words when nothing is left.
  static func spokenName(_ entity: Entity, _ customization: EntityCustomization? = nil) -> String {
    (customization ?? EntityCustomization(entity)).name.flatMap(EntityCustomization.spokenName)
      ?? EntityCustomization.spokenName(entity.friendlyName)
      ?? EntityCustomization.spokenName(entity.objectId.replacing("_", with: " "))
      ?? entity.objectId
  }

  /// Two endpoints with one spoken name: Alexa then picks one of them at random.
  /// Endpoints (entity id, spoken name) that share a spoken name, ignoring case.
  static func sharedNames(_ named: [(entityId: String, name: String)]) -> [(
    name: String, entityIds: [String]
  )] {
    var byName: [String: [String]] = [:]
    for (entityId, name) in named { byName[name.lowercased(), default: []].append(entityId) }
    return byName.filter { $0.value.count > 1 }.map { ($0.key, $0.value.sorted()) }
      .sorted { $0.name < $1.name }
  }

  static func warnAboutSharedNames(_ named: [(entityId: String, name: String)], _ logger: Logger) {
    guard logger.isEnabled(.warn) else { return }
    for shared in sharedNames(named) {
      logger.warn(
        "\(shared.entityIds.count) endpoints are called \"\(shared.name)\"; Alexa picks one at random. Give each its own alexa_name (customize: in Home Assistant, or ENTITY_CONFIG)",
        fields: [("entities", .array(shared.entityIds.map(JSON.string)))])
    }
  }
}
