import Engine

/// Which entities Alexa sees: include/exclude by domain and by entity id.
/// An include list, when given, is a whitelist; excludes always win.
struct EntityFilter {
  let includeDomains: Set<String>
  let excludeDomains: Set<String>
  let includeEntities: Set<String>
  let excludeEntities: Set<String>

  init(_ config: Configuration) {
    includeDomains = Set(config.includeDomains)
    excludeDomains = Set(config.excludeDomains)
    includeEntities = Set(config.includeEntities)
    excludeEntities = Set(config.excludeEntities)
  }

  func allows(_ entity: Entity) -> Bool {
    if excludeEntities.contains(entity.entityId) || excludeDomains.contains(entity.domain) {
      return false
    }
    if includeDomains.isEmpty && includeEntities.isEmpty { return true }
    return includeDomains.contains(entity.domain) || includeEntities.contains(entity.entityId)
  }
}
