import JSONCore

/// Builds `Alexa.ErrorResponse` events for a directive: its correlation token and endpoint
/// id echoed (never its scope token), the type under the namespace the schema requires.
public enum AlexaErrorResponse {
  public static func make(
    for directive: JSON, type: AlexaErrorType, message: String, extraPayload: [(String, JSON)] = []
  ) -> JSON {
    let request = directive["directive"]
    var header = JSONObject()
    header.appendUnique("namespace", .string(type.namespace))
    header.appendUnique("name", "ErrorResponse")
    header.appendUnique("messageId", .string(MessageId.make()))
    if let token = request?["header"]?["correlationToken"]?.string {
      header.appendUnique("correlationToken", .string(token))
    }
    header.appendUnique("payloadVersion", "3")
    var payload = JSONObject()
    payload.appendUnique("type", .string(type.rawValue))
    payload.appendUnique("message", .string(String(message.prefix(1000))))
    for (key, value) in extraPayload { payload[key] = value }
    var event = JSONObject()
    event.appendUnique("header", .object(header))
    if let endpointId = request?["endpoint"]?["endpointId"]?.string {
      event.appendUnique("endpoint", ["endpointId": .string(endpointId)])
    }
    event.appendUnique("payload", .object(payload))
    return ["event": .object(event)]
  }
}
