import Engine
import JSONCore

/// What Home Assistant knows of each entity's device: its area, for descriptions that help
/// ("Kitchen · light via Home Assistant"), and its manufacturer and model, for Alexa's
/// `additionalAttributes` (Amazon uses them to tell devices apart, and Works-with-Alexa
/// requires them). One `/api/template` call per discovery, cached; a home where no entity
/// has any is asked again after an hour; a failed call only costs these details.
enum DeviceFacts {
  struct Facts: Sendable, Equatable {
    var area: String?
    var manufacturer: String?
    var model: String?
  }

  static let template = """
    {%- set ns = namespace(rows=[]) -%}{%- for s in states -%}\
    {%- set a = area_name(s.entity_id) -%}{%- set m = device_attr(s.entity_id, 'manufacturer') -%}\
    {%- set o = device_attr(s.entity_id, 'model') -%}{%- if a or m or o -%}\
    {%- set ns.rows = ns.rows + [[s.entity_id, a, m, o]] -%}{%- endif -%}{%- endfor -%}\
    {{ ns.rows | tojson }}
    """
  static let cacheKey = "ha:device-facts"
  static let cacheSeconds: Double = 300
  static let noFactsSeconds: Double = 3600

  /// Entity id → what is known of its device.
  static func lookUp(_ client: HomeAssistantClient, _ services: Services) -> [String: Facts] {
    let cache = services.cache
    if let known = cache.value(for: cacheKey, as: [String: Facts].self) { return known }
    let facts: [String: Facts]
    do {
      facts = parse(try client.render(template: template))
    } catch {
      services.logging.info("areas, manufacturers and models unavailable: \(error)")
      return [:]
    }
    cache.set(
      facts, for: cacheKey, bytes: 64 + facts.count * 128,
      ttlSeconds: facts.isEmpty ? noFactsSeconds : cacheSeconds)
    return facts
  }

  /// `[["light.kitchen", "Kitchen", "Signify", "Hue white"], …]` (each after the id may be
  /// null) → a dictionary; anything else → empty.
  static func parse(_ text: String) -> [String: Facts] {
    guard let rows = (try? JSONParser.parse(text, maximumDepth: 8))?.array else { return [:] }
    var facts: [String: Facts] = [:]
    func nonEmpty(_ value: JSON?) -> String? {
      value?.string.flatMap { $0.isEmpty ? nil : $0 }
    }
    for row in rows {
      guard let entityId = row[0]?.string else { continue }
      let known = Facts(
        area: nonEmpty(row[1]), manufacturer: nonEmpty(row[2]), model: nonEmpty(row[3]))
      if known != Facts() { facts[entityId] = known }
    }
    return facts
  }

  /// Alexa's `additionalAttributes` for what is known (each at most 256 characters).
  static func additionalAttributes(_ facts: Facts?) -> JSON? {
    var attributes: [(String, JSON)] = []
    if let manufacturer = facts?.manufacturer {
      attributes.append(("manufacturer", .string(manufacturer.limited(to: 256))))
    }
    if let model = facts?.model { attributes.append(("model", .string(model.limited(to: 256)))) }
    return attributes.isEmpty ? nil : .object(JSONObject(attributes))
  }
}
