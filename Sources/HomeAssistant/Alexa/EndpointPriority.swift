/// Which endpoints Alexa keeps when more than it accepts (300) qualify: what people
/// control first. Alphabetical order would keep 120 automations and drop every lock; here
/// locks, doorbells, lights, switches and covers come first, and scenes, scripts,
/// automations and sensors last. An owner pins an entity in with `alexa_pinned: true`
/// (Home Assistant's `customize:` or ENTITY_CONFIG). Stable from one discovery to the
/// next: by pin, then rank, then entity id.
enum EndpointPriority {
  /// Domains in the order they are kept; a domain not listed comes after all of them.
  static let order = [
    "lock", "alarm_control_panel", "event", "light", "switch", "cover", "valve", "climate",
    "water_heater", "fan", "humidifier", "media_player", "remote", "vacuum", "input_boolean",
    "group", "timer", "input_number", "number", "input_select", "select", "alert",
    "image_processing", "scene", "script", "button", "input_button", "automation",
    "binary_sensor", "sensor",
  ]
  private static let rank = Dictionary(
    uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

  /// The entity's place: pinned first, then by domain.
  static func rank(of entity: Entity) -> Int {
    EntityCustomization(entity).pinned ? -1 : rank[entity.domain] ?? order.count
  }

  /// `items` (in entity id order) split into the `limit` kept, still in entity id order,
  /// and the rest, in the order they were passed over.
  static func cap<Item>(_ items: [Item], at limit: Int, entity: (Item) -> Entity)
    -> (kept: [Item], dropped: [Item])
  {
    guard items.count > limit else { return (items, []) }
    let ranked = items.enumerated().map { (offset: $0.offset, rank: rank(of: entity($0.element))) }
      .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
    let keptOffsets = Set(ranked.prefix(limit).map(\.offset))
    let kept = items.enumerated().filter { keptOffsets.contains($0.offset) }.map(\.element)
    let dropped = ranked.dropFirst(limit).map { items[$0.offset] }
    return (kept, dropped)
  }
}
