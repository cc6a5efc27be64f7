import Engine
import JSONCore

/// One Alexa event's view of the home: the install it belongs to, the event, and Home
/// Assistant as the event reaches it. Reads give entities as Alexa sees them (the owner's
/// settings applied, thermostats in Home Assistant's unit); replies echo the event.
struct HomeSession {
  let install: SmartHomeInstall
  let context: EventContext
  let gateway: Gateway
  let client: HomeAssistantClient
  let entityConfig: [String: JSONObject]

  var event: JSON { context.event }
  var services: Services { gateway.services }

  /// The entity as Home Assistant has it now.
  func read(_ entityId: String) throws -> Entity {
    try entity(from: client.state(entityId), entityId)
  }

  /// The entity a state Home Assistant gave (a read, or a service call's changed states)
  /// describes: NO_SUCH_ENDPOINT when there is none, ENDPOINT_UNREACHABLE when unavailable.
  func entity(from state: JSON?, _ entityId: String) throws -> Entity {
    guard let state, let entity = Entity(HomeAssistantSettings.apply(entityConfig, to: state))
    else {
      throw AlexaFailure(type: .noSuchEndpoint, message: "Home Assistant has no entity \(entityId)")
    }
    guard !entity.isUnavailable else {
      throw AlexaFailure(
        type: .endpointUnreachable,
        message: "\(entity.friendlyName) is unavailable in Home Assistant")
    }
    return scaled(entity)
  }

  /// Thermostats report in Home Assistant's unit, read once from /api/config and cached.
  func scaled(_ entity: Entity) -> Entity {
    guard ThermostatController.domains.contains(entity.domain) else { return entity }
    let cache = services.cache
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

  /// Response or StateReport with every property of the entity's interfaces, or a report
  /// of the interface's own with `payload`.
  func reply(entity: Entity, namespace: String, name: String, payload: JSON = [:]) -> JSON {
    let (correlationToken, endpointId) = AlexaMessage.echo(event)
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: namespace, name: name, correlationToken: correlationToken),
      endpointId: endpointId, payload: payload,
      properties: DiscoveryTable.properties(of: entity, at: AlexaMessage.now()))
  }
}
