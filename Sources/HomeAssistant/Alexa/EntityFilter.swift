import Engine

/// Which entities Alexa sees: include/exclude by domain and by entity id.
/// An include list, when given, is a whitelist; excludes always win.
struct EntityFilter {
  let includeDomains: Set<String>
  let excludeDomains: Set<String>
  let includeEntities: Set<String>
  let excludeEntities: Set<String>

  init(_ settings: HomeAssistantSettings) {
    includeDomains = Set(settings.includeDomains)
    excludeDomains = Set(settings.excludeDomains)
    includeEntities = Set(settings.includeEntities)
    excludeEntities = Set(settings.excludeEntities)
  }

  func allows(_ entity: Entity) -> Bool { allows(entityId: entity.entityId, domain: entity.domain) }

  /// The same rule by id alone: discovery and control time ask the same question.
  func allows(entityId: String, domain: String) -> Bool {
    if excludeEntities.contains(entityId) || excludeDomains.contains(domain) { return false }
    if includeDomains.isEmpty && includeEntities.isEmpty { return true }
    return includeDomains.contains(domain) || includeEntities.contains(entityId)
  }
}
