import JSONCore

/// `Alexa.ChangeReport`: what changed in an entity outside Alexa, from the same
/// properties StateReport gives. Every Alexa property that changed goes in the payload,
/// every other one (and EndpointHealth, always) in the context.
enum ChangeReport {
  /// Nil when `new` is no endpoint or no Alexa property of it changed (an attribute no
  /// property reflects, a push of the same state again).
  static func make(old: Entity?, new: Entity, accessToken: String, cause: String) -> JSON? {
    guard let profile = DiscoveryTable.profile(for: new) else { return nil }
    let time = AlexaMessage.now()
    let now = profile.capabilities.flatMap { $0.properties(of: new, at: time) }
    let before = old.map { old in
      Dictionary(
        (DiscoveryTable.profile(for: old)?.capabilities ?? []).flatMap {
          $0.properties(of: old, at: time)
        }.map { (key(of: $0), $0["value"] ?? .null) }, uniquingKeysWith: { first, _ in first })
    }
    var changed: [JSON] = []
    var unchanged: [JSON] = []
    for property in now {
      let isHealth = property["namespace"] == "Alexa.EndpointHealth"
      if !isHealth, before?[key(of: property)] != property["value"] {
        changed.append(property)
      } else {
        unchanged.append(property)
      }
    }
    guard !changed.isEmpty else { return nil }
    return event(
      namespace: "Alexa", name: "ChangeReport", endpointId: new.endpointId,
      accessToken: accessToken,
      payload: ["change": ["cause": ["type": .string(cause)], "properties": .array(changed)]],
      context: unchanged)
  }

  /// A proactive event: the endpoint carries the grant's access token as its scope.
  static func event(
    namespace: String, name: String, endpointId: String, accessToken: String, payload: JSON,
    context: [JSON]?, correlationToken: String? = nil
  ) -> JSON {
    var root = JSONObject()
    if let context { root["context"] = ["properties": .array(context)] }
    root["event"] = [
      "header": AlexaMessage.header(
        namespace: namespace, name: name, correlationToken: correlationToken),
      "endpoint": [
        "scope": ["type": "BearerToken", "token": .string(accessToken)],
        "endpointId": .string(endpointId),
      ],
      "payload": payload,
    ]
    return .object(root)
  }

  private static func key(of property: JSON) -> String {
    "\(property["namespace"]?.string ?? ""):\(property["instance"]?.string ?? ""):\(property["name"]?.string ?? "")"
  }
}
