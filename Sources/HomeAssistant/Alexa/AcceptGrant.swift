import Engine
import JSONCore

/// `Alexa.Authorization.AcceptGrant`: when Home Assistant runs its own Alexa integration,
/// the grant is forwarded there so it is stored; otherwise there is nothing to store.
enum AcceptGrant {
  static func answer(
    _ context: EventContext, _ gateway: Gateway, _ settings: HomeAssistantSettings
  ) throws -> Reply {
    do {
      let client = try HomeAssistantClient.forEvent(context, gateway, settings)
      let reply = try client.send("POST", SmartHomeProxy.path, body: context.invocation.body)
      if (try? JSONParser.parse(reply.body))?["event"]?["header"]?["name"] == "AcceptGrant.Response"
      {
        return .raw(reply.body)
      }
      throw HomeAssistantError.malformed("Home Assistant did not accept the grant")
    } catch HomeAssistantError.notFound {
      return .json(
        AlexaMessage.event(
          header: AlexaMessage.header(
            namespace: "Alexa.Authorization", name: "AcceptGrant.Response", correlationToken: nil),
          endpointId: nil))
    } catch {
      throw AlexaFailure(
        type: .acceptGrantFailed, message: "Home Assistant could not store the grant: \(error)")
    }
  }
}
