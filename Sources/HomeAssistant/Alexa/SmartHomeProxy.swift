import Engine

/// `ALEXA_MODE=proxy`: every directive goes byte for byte to Home Assistant's own
/// `POST /api/alexa/smart_home`, and its reply comes back untouched. Transport and
/// authorization failures still become proper Alexa errors (see SmartHomeErrors).
enum SmartHomeProxy {
  static let path = "/api/alexa/smart_home"

  static func register(into table: inout RouteTable, _ settings: HomeAssistantSettings) {
    table.fallback(for: .smartHome) { context, gateway in
      let client = try HomeAssistantClient.forEvent(context, gateway, settings)
      return .raw(try client.send("POST", path, body: context.invocation.body).body)
    }
  }
}
