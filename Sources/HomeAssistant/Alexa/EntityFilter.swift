import Engine

/// Which entities Alexa sees: include/exclude by domain and by entity id or glob
/// (`sensor.*_temperature`). An include list, when given, is a whitelist; excludes always
/// win. Discovery and control time ask the same question.
struct EntityFilter: Sendable {
  let includeDomains: Set<String>
  let excludeDomains: Set<String>
  let includeEntities: PatternList
  let excludeEntities: PatternList

  init(_ settings: HomeAssistantSettings) {
    includeDomains = Set(settings.includeDomains)
    excludeDomains = Set(settings.excludeDomains)
    includeEntities = PatternList(settings.includeEntities)
    excludeEntities = PatternList(settings.excludeEntities)
  }

  func allows(_ entity: Entity) -> Bool { allows(entityId: entity.entityId, domain: entity.domain) }

  func allows(entityId: String, domain: String) -> Bool {
    reason(entityId: entityId, domain: domain) == nil
  }

  /// Why the filter hides an entity (for the discovery report); nil when it shows it.
  func reason(entityId: String, domain: String) -> String? {
    if let pattern = excludeEntities.match(entityId) {
      return "ALEXA_EXCLUDE_ENTITIES (\(pattern))"
    }
    if excludeDomains.contains(domain) { return "ALEXA_EXCLUDE_DOMAINS (\(domain))" }
    if includeDomains.isEmpty && includeEntities.isEmpty { return nil }
    if includeDomains.contains(domain) || includeEntities.match(entityId) != nil { return nil }
    return "not in ALEXA_INCLUDE_DOMAINS or ALEXA_INCLUDE_ENTITIES"
  }

  /// Exact ids looked up in a set; globs tried in order.
  struct PatternList: Sendable {
    let exact: Set<String>
    let globs: [EntityPattern]
    var isEmpty: Bool { exact.isEmpty && globs.isEmpty }

    init(_ texts: [String]) {
      let patterns = texts.map(EntityPattern.init)
      exact = Set(patterns.filter { !$0.isGlob }.map(\.text))
      globs = patterns.filter(\.isGlob)
    }

    /// The pattern that matches `entityId`, if any.
    func match(_ entityId: String) -> String? {
      if exact.contains(entityId) { return entityId }
      return globs.first { $0.matches(entityId) }?.text
    }
  }
}
