import Engine
import JSONCore

/// Discovery's rules, enforced again when a directive arrives: an entity that discovery
/// would not list is NO_SUCH_ENDPOINT, and an interface discovery would not give it is
/// INVALID_DIRECTIVE, before anything reaches Home Assistant.
///
/// What an entity is offered depends on its attributes (device class, features, options),
/// (and the owner's `alexa_hidden`), so it is read from the entity's state; the answer is
/// cached per entity for a few minutes, so a warm directive still costs one Home Assistant
/// call.
enum EndpointRules {
  /// How long what an entity is offered is remembered (features and options rarely change).
  static let cacheSeconds: Double = 300

  /// `Alexa.PowerController`, or `Alexa.RangeController:cover.position` for an instance.
  static func key(namespace: String, instance: String?) -> String {
    instance.map { "\(namespace):\($0)" } ?? namespace
  }

  /// The interfaces discovery gives `entity`; nil when it is no endpoint at all (its
  /// domain or device class is not one Alexa is offered, or the owner hid it).
  static func offered(_ entity: Entity) -> Set<String>? {
    guard DiscoveryTable.hasRule(for: entity), !EntityCustomization(entity).hidden else {
      return nil
    }
    let capabilities = DiscoveryTable.profile(for: entity)?.capabilities ?? []
    return Set(capabilities.map(\.key))
  }

  static func cacheKey(_ entityId: String) -> String { "alexa:offered:" + entityId }

  /// Stands for "no endpoint" in the cache (an empty set means an endpoint offered
  /// nothing that a directive could use).
  static let notAnEndpoint = "\u{0}no endpoint"

  /// Remembers what `entity` is offered, from a state just read, and returns it.
  @discardableResult
  static func remember(_ entity: Entity, in cache: Cache) -> Set<String> {
    let offered = offered(entity) ?? [notAnEndpoint]
    cache.set(
      offered, for: cacheKey(entity.entityId), bytes: 64 + offered.count * 48,
      ttlSeconds: cacheSeconds)
    return offered
  }

  static func remembered(_ entityId: String, in cache: Cache) -> Set<String>? {
    cache.value(for: cacheKey(entityId), as: Set<String>.self)
  }

  /// Throws unless the filter lets Alexa see the entity.
  static func requireVisible(_ id: EntityId, _ filter: EntityFilter) throws {
    guard filter.allows(entityId: id.description, domain: id.domain) else {
      throw AlexaFailure(
        type: .noSuchEndpoint, message: "\(id) is not exposed to Alexa by this skill")
    }
  }

  /// Throws unless `offered` (what discovery gives the entity) includes `key`.
  static func requireOffered(_ key: String, _ offered: Set<String>?, entityId: String) throws {
    let offered = offered ?? []
    guard !offered.contains(notAnEndpoint) else {
      throw AlexaFailure(type: .noSuchEndpoint, message: "\(entityId) is not an Alexa endpoint")
    }
    guard offered.contains(key) else {
      throw AlexaFailure(
        type: .invalidDirective, message: "\(entityId) does not offer \(key)")
    }
  }
}
