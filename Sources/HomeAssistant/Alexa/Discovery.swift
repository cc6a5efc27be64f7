import Engine
import JSONCore

/// Discover.Response from one `/api/states` call, through the discovery table.
enum Discovery {
  /// Alexa accepts at most 300 endpoints per skill.
  static let maximumEndpoints = 300

  static func response(states: [JSON], filter: EntityFilter, logger: Logger) -> JSON {
    let candidates = states.compactMap(Entity.init)
      .filter { filter.allows($0) }
      .sorted { $0.entityId < $1.entityId }
      .compactMap { entity in endpoint(for: entity).map { (entity.entityId, $0) } }
    if candidates.count > maximumEndpoints {
      let dropped = candidates[maximumEndpoints...].map { JSON.string($0.0) }
      logger.warn(
        "Alexa accepts \(maximumEndpoints) endpoints; \(dropped.count) left out (last in entity id order)",
        fields: [("dropped", .array(dropped))])
    }
    let endpoints = candidates.prefix(maximumEndpoints).map(\.1)
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: "Alexa.Discovery", name: "Discover.Response", correlationToken: nil),
      endpointId: nil, payload: ["endpoints": .array(Array(endpoints))])
  }

  static func endpoint(for entity: Entity) -> JSON? {
    guard let profile = DiscoveryTable.profile(for: entity),
      SecurityPolicy.isValidIdentifier(entity.endpointId)
    else { return nil }
    return [
      "endpointId": .string(entity.endpointId),
      "manufacturerName": "Home Assistant",
      "friendlyName": .string(entity.friendlyName.isEmpty ? entity.objectId : entity.friendlyName),
      "description": .string(
        "\(entity.friendlyName) (\(entity.domain)) via Home Assistant".limited(to: 128)),
      "displayCategories": [.string(profile.category)],
      "capabilities": .array(profile.capabilities.map { $0.discovery(for: entity) }),
    ]
  }
}
