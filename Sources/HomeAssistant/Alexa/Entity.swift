import JSONCore

/// A Home Assistant entity state, read the way the Alexa mapping needs it.
struct Entity: Sendable {
  let json: JSON
  let id: EntityId
  let entityId: String
  /// The attributes, read once: discovery asks a dozen of each entity.
  let attributeObject: JSONObject
  var domain: String { id.domain }
  var objectId: String { id.objectId }
  /// Home Assistant's temperature unit as an Alexa scale (from /api/config when known).
  var temperatureScale = TemperatureScale.celsius

  init?(_ json: JSON) {
    guard let entityId = json["entity_id"]?.string, let id = EntityId(entityId) else {
      return nil
    }
    self.json = json
    self.id = id
    self.entityId = entityId
    self.attributeObject = json["attributes"]?.object ?? JSONObject()
  }

  var state: String { json["state"]?.string ?? "unknown" }
  var attributes: JSON { json["attributes"] ?? [:] }
  func attribute(_ name: String) -> JSON? { attributeObject[name] }
  var deviceClass: String? { attribute("device_class")?.string }
  var supportedFeatures: Int { attribute("supported_features")?.int ?? 0 }
  var isUnavailable: Bool { state == "unavailable" }
  /// Whether PowerController reports ON: a vacuum only while cleaning, a timer only while
  /// running, anything else unless it is off, closed, idle or unknown.
  var isOn: Bool {
    switch domain {
    case "vacuum": state == "cleaning"
    case "timer": state == "active"
    default:
      !["off", "unavailable", "unknown", "closed", "locked", "idle", "standby"].contains(state)
    }
  }

  var friendlyName: String {
    let name = attribute("friendly_name")?.string ?? objectId.replacing("_", with: " ")
    return name.limited(to: 128)
  }

  /// `light#kitchen`: Alexa's endpoint id for this entity.
  var endpointId: String { id.endpointId }

  /// The entity id for an Alexa endpoint id, if it has the `domain#object_id` form.
  static func entityId(fromEndpointId endpointId: String) -> String? {
    EntityId(endpointId: endpointId)?.description
  }
}

extension String {
  /// At most `count` characters; the byte count answers the common short case without
  /// walking grapheme clusters.
  func limited(to count: Int) -> String {
    utf8.count <= count ? self : String(prefix(count))
  }
}
