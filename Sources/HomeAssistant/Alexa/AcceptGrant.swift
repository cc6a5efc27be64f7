import Engine
import JSONCore

/// `Alexa.Authorization.AcceptGrant`: with proactive events on (`ALEXA_CLIENT_ID`), the
/// code is exchanged at Login with Amazon and the grant stored here. Otherwise, when Home
/// Assistant runs its own Alexa integration, the grant is forwarded there so it is
/// stored; without either there is nothing to store.
enum AcceptGrant {
  static func answer(
    _ context: EventContext, _ gateway: Gateway, _ settings: HomeAssistantSettings,
    events: AlexaEvents?
  ) throws -> Reply {
    if let events {
      guard let code = context.event["directive"]?["payload"]?["grant"]?["code"]?.string,
        !code.isEmpty
      else {
        throw AlexaFailure(type: .acceptGrantFailed, message: "the grant carries no code")
      }
      try events.accept(
        code: code, services: gateway.services,
        deadline: context.invocation.deadlineMilliseconds)
      return accepted
    }
    do {
      let client = try HomeAssistantClient.forEvent(context, gateway, settings)
      let reply = try client.send("POST", SmartHomeProxy.path, body: context.invocation.body)
      if (try? JSONParser.parse(reply.body))?["event"]?["header"]?["name"] == "AcceptGrant.Response"
      {
        return .raw(reply.body)
      }
      throw HomeAssistantError.malformed("Home Assistant did not accept the grant")
    } catch HomeAssistantError.notFound {
      return accepted
    } catch {
      throw AlexaFailure(
        type: .acceptGrantFailed, message: "Home Assistant could not store the grant: \(error)")
    }
  }

  static var accepted: Reply {
    .json(
      AlexaMessage.event(
        header: AlexaMessage.header(
          namespace: "Alexa.Authorization", name: "AcceptGrant.Response", correlationToken: nil),
        endpointId: nil))
  }
}
