import Engine
import JSONCore

/// Where each entity is: its Home Assistant area, for descriptions that help ("Kitchen ·
/// light via Home Assistant"). One `/api/template` call per discovery, and none when every
/// entity's description is the owner's own or the home has no areas (remembered for an
/// hour); a failed call only costs the descriptions their area.
enum AreaNames {
  static let template = """
    {%- set ns = namespace(pairs=[]) -%}{%- for s in states -%}\
    {%- set a = area_name(s.entity_id) -%}{%- if a -%}{%- set ns.pairs = ns.pairs + [[s.entity_id, a]] -%}\
    {%- endif -%}{%- endfor -%}{{ ns.pairs | tojson }}
    """
  static let cacheKey = "ha:areas"
  static let cacheSeconds: Double = 300
  static let noAreasSeconds: Double = 3600

  /// Entity id → area name, for `entities`.
  static func lookUp(
    for entities: [Entity], _ client: HomeAssistantClient, _ services: Services
  ) -> [String: String] {
    guard entities.contains(where: { EntityCustomization($0).description == nil }) else {
      return [:]
    }
    let cache = services.cache
    if let known = cache.value(for: cacheKey, as: [String: String].self) { return known }
    let areas: [String: String]
    do {
      areas = parse(try client.render(template: template))
    } catch {
      services.logging.info("area names unavailable for descriptions: \(error)")
      return [:]
    }
    cache.set(
      areas, for: cacheKey, bytes: 64 + areas.count * 64,
      ttlSeconds: areas.isEmpty ? noAreasSeconds : cacheSeconds)
    return areas
  }

  /// `[["light.kitchen", "Kitchen"], …]` → a dictionary; anything else → empty.
  static func parse(_ text: String) -> [String: String] {
    guard let pairs = (try? JSONParser.parse(text, maximumDepth: 8))?.array else { return [:] }
    var areas: [String: String] = [:]
    for pair in pairs {
      if let entityId = pair[0]?.string, let area = pair[1]?.string, !area.isEmpty {
        areas[entityId] = area
      }
    }
    return areas
  }
}
