import JSONCore

/// Builds `ErrorResponse` events for a directive: its correlation token and endpoint id
/// echoed (never its scope token), the type under the namespace the schema requires.
public enum AlexaErrorResponse {
  public static func make(
    for directive: JSON, type: AlexaErrorType, message: String, extraPayload: [(String, JSON)] = []
  ) -> JSON {
    let (correlationToken, endpointId) = AlexaMessage.echo(directive)
    var payload = JSONObject()
    payload.appendUnique("type", .string(type.rawValue))
    payload.appendUnique("message", .string(message.limited(to: 1000)))
    for (key, value) in extraPayload { payload[key] = value }
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: type.namespace, name: "ErrorResponse", correlationToken: correlationToken),
      endpointId: endpointId, payload: .object(payload))
  }
}
