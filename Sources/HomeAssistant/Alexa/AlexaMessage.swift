import JSONCore
import LambdaRuntime

/// The parts every message to Alexa shares: the header, the endpoint, sample times.
enum AlexaMessage {
  static func header(namespace: String, name: String, correlationToken: String?) -> JSON {
    var header = JSONObject()
    header.appendUnique("namespace", .string(namespace))
    header.appendUnique("name", .string(name))
    header.appendUnique("messageId", .string(MessageId.make()))
    if let correlationToken { header.appendUnique("correlationToken", .string(correlationToken)) }
    header.appendUnique("payloadVersion", "3")
    return .object(header)
  }

  /// The directive's correlation token and endpoint id (never its scope token).
  static func echo(_ event: JSON) -> (correlationToken: String?, endpointId: String?) {
    let directive = event["directive"]
    return (
      directive?["header"]?["correlationToken"]?.string,
      directive?["endpoint"]?["endpointId"]?.string
    )
  }

  /// `2026-11-24T07:38:00Z`: whole seconds satisfy every time pattern in Amazon's schema.
  static func now() -> String {
    let stamp = Clock.iso8601()
    return String(stamp.prefix(19)) + "Z"
  }

  /// An event with header, optional endpoint, payload and optional context properties.
  /// `accessToken`: a proactive event's (sent to the event gateway), whose endpoint
  /// carries the grant's token as its scope.
  static func event(
    header: JSON, endpointId: String?, payload: JSON = [:], properties: [JSON]? = nil,
    accessToken: String? = nil
  ) -> JSON {
    var event = JSONObject()
    event.appendUnique("header", header)
    if let endpointId {
      var endpoint = JSONObject()
      if let accessToken {
        endpoint.appendUnique("scope", ["type": "BearerToken", "token": .string(accessToken)])
      }
      endpoint.appendUnique("endpointId", .string(endpointId))
      event.appendUnique("endpoint", .object(endpoint))
    }
    event.appendUnique("payload", payload)
    var root = JSONObject()
    if let properties { root.appendUnique("context", ["properties": .array(properties)]) }
    root.appendUnique("event", .object(event))
    return .object(root)
  }
}
