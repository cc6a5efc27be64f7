import Engine
import JSONCore

/// `{"action":"discovery-report"}`: every Home Assistant entity with its fate in native
/// discovery — announced (and how), hidden (by which rule or setting), dropped by Alexa's
/// 300-endpoint cap, or unsupported (and why) — plus the spoken names two endpoints share.
/// The answer to "discovery found nothing new" that no log gave.
enum DiscoveryReport {
  static func register(into table: inout RouteTable, _ settings: HomeAssistantSettings) {
    table.register(.operatorAction("discovery-report")) { context, gateway in
      let client = try HomeAssistantClient.asOwner(
        settings: settings, services: gateway.services, invocation: context.invocation)
      return .json(
        report(
          states: try client.states(), settings, config: try settings.entityConfig(gateway.services)
        ))
    }
  }

  static func report(
    states: [JSON], _ settings: HomeAssistantSettings, config: [String: JSONObject]
  ) -> JSON {
    let filter = EntityFilter(settings)
    let entities = states.map { HomeAssistantSettings.apply(config, to: $0) }
      .compactMap(Entity.init)
      .sorted { $0.entityId < $1.entityId }
    var rows: [String: JSONObject] = [:]
    var candidates: [(Entity, JSON)] = []
    for entity in entities {
      var row = JSONObject([("entityId", .string(entity.entityId))])
      if let rule = filter.reason(entityId: entity.entityId, domain: entity.domain) {
        (row["fate"], row["reason"]) = ("hidden", .string(rule))
      } else if EntityCustomization(entity).hidden {
        (row["fate"], row["reason"]) = ("hidden", "alexa_hidden")
      } else if let endpoint = Discovery.endpoint(for: entity) {
        candidates.append((entity, endpoint))
      } else {
        (row["fate"], row["reason"]) = ("unsupported", .string(unsupportedReason(entity)))
      }
      rows[entity.entityId] = row
    }
    // Alexa's cap, as discovery applies it.
    let (announced, dropped) = EndpointPriority.cap(
      candidates, at: Discovery.maximumEndpoints, entity: \.0)
    for (entity, endpoint) in announced {
      rows[entity.entityId]?["fate"] = "announced"
      rows[entity.entityId]?["endpointId"] = endpoint["endpointId"]
      rows[entity.entityId]?["name"] = endpoint["friendlyName"]
      rows[entity.entityId]?["category"] = endpoint["displayCategories"]?[0]
      rows[entity.entityId]?["interfaces"] = .array(
        (DiscoveryTable.profile(for: entity)?.capabilities ?? []).map { .string($0.key) })
    }
    for (entity, _) in dropped {
      rows[entity.entityId]?["fate"] = "dropped"
      rows[entity.entityId]?["reason"] = .string(
        "Alexa accepts \(Discovery.maximumEndpoints) endpoints: \(entity.domain) entities come "
          + "after those people control more (alexa_pinned: true keeps one in)")
    }
    var counts: [String: Int] = [:]
    for row in rows.values { counts[row["fate"]?.string ?? "", default: 0] += 1 }
    let named = announced.map { ($0.0.entityId, Discovery.spokenName($0.0)) }
    let conflicts = Discovery.sharedNames(named).map { shared -> JSON in
      ["name": .string(shared.name), "entityIds": .array(shared.entityIds.map(JSON.string))]
    }
    // Amazon's rules beyond the schema, on the endpoints discovery sends.
    let problems = DiscoveryRules.problems(of: announced.map(\.1)).map {
      JSON.string($0.description)
    }
    return [
      "counts": .object(
        JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) })),
      "entities": .array(entities.compactMap { rows[$0.entityId].map(JSON.object) }),
      "nameConflicts": .array(conflicts), "problems": .array(problems),
    ]
  }

  /// Why discovery leaves out an entity it is allowed to show.
  static func unsupportedReason(_ entity: Entity) -> String {
    guard let rule = DiscoveryTable.rules[entity.domain] else {
      return "Alexa has no interface for \(entity.domain) entities here"
    }
    if !DiscoveryTable.hasRule(for: entity) {
      let offered = rule.byDeviceClass.keys.sorted().joined(separator: ", ")
      return
        "\(entity.domain) of device class \(entity.deviceClass ?? "(none)") is not offered (only \(offered))"
    }
    if !SecurityPolicy.isValidIdentifier(entity.endpointId) {
      return "its id \(entity.entityId) has characters Alexa does not accept in an endpoint id"
    }
    switch entity.domain {
    case "alarm_control_panel" where !SecurityPanelController.isOffered(entity):
      return "arming it needs a code, which Alexa cannot send"
    case "select", "input_select":
      return "a select needs at least two options"
    case "input_number", "number":
      return "it has no range (min below max)"
    default:
      return "none of its features maps to an Alexa interface"
    }
  }
}
