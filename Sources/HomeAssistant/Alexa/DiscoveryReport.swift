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
    var announced: [Entity] = []
    var rows: [JSON] = []
    var counts: [String: Int] = [:]
    for entity in entities {
      var row = JSONObject([("entityId", .string(entity.entityId))])
      let fate: String
      if let rule = filter.reason(entityId: entity.entityId, domain: entity.domain) {
        (fate, row["reason"]) = ("hidden", .string(rule))
      } else if EntityCustomization(entity).hidden {
        (fate, row["reason"]) = ("hidden", "alexa_hidden")
      } else if let endpoint = Discovery.endpoint(for: entity) {
        if announced.count < Discovery.maximumEndpoints {
          fate = "announced"
          announced.append(entity)
          row["endpointId"] = endpoint["endpointId"]
          row["name"] = endpoint["friendlyName"]
          row["category"] = endpoint["displayCategories"]?[0]
          row["interfaces"] = .array(
            (DiscoveryTable.profile(for: entity)?.capabilities ?? []).map { .string($0.key) })
        } else {
          fate = "dropped"
          row["reason"] = .string("Alexa accepts \(Discovery.maximumEndpoints) endpoints")
        }
      } else {
        (fate, row["reason"]) = ("unsupported", .string(unsupportedReason(entity)))
      }
      row["fate"] = .string(fate)
      counts[fate, default: 0] += 1
      rows.append(.object(row))
    }
    let named = announced.map { ($0.entityId, Discovery.spokenName($0)) }
    let conflicts = Discovery.sharedNames(named).map { shared -> JSON in
      ["name": .string(shared.name), "entityIds": .array(shared.entityIds.map(JSON.string))]
    }
    return [
      "counts": .object(
        JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) })),
      "entities": .array(rows), "nameConflicts": .array(conflicts),
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
