import Engine
import JSONCore
import LambdaRuntime

/// A lock, garage door or gate still moving after its service call, with events on:
/// Alexa hears `DeferredResponse` at once instead of a guess, and the final
/// `Alexa.Response` (or an `ErrorResponse` for a jammed lock) goes to the event gateway
/// with the directive's correlation token once the device settles. That work runs after
/// the reply (`Gateway.afterReply`), within the function's timeout.
enum DeferredReply {
  static let coverClasses: Set<String> = ["garage", "gate"]
  /// Kept for sending the final event when the device is still moving near the deadline.
  static let sendingReserveMilliseconds: Int64 = 2000

  /// Whether `entity` (the state the call returned) is one to defer for.
  static func applies(to entity: Entity) -> Bool {
    guard Settling.destinations[entity.state] != nil else { return false }
    switch entity.domain {
    case "lock": return true
    case "cover": return entity.deviceClass.map(coverClasses.contains) ?? false
    default: return false
    }
  }

  /// The DeferredResponse for `event`, with the final report scheduled; nil when events
  /// cannot carry it (no grant, revoked, too little time), so the caller settles now.
  static func start(_ entity: Entity, _ home: HomeSession, _ events: AlexaEvents) -> JSON? {
    let (context, gateway, client) = (home.context, home.gateway, home.client)
    let deadline = context.invocation.deadlineMilliseconds
    let left = deadline - Clock.wallMilliseconds()
    guard left > sendingReserveMilliseconds + 1000,
      events.canSend(gateway.services, deadline: deadline)
    else { return nil }
    let (correlationToken, _) = AlexaMessage.echo(context.event)
    let event = context.event
    gateway.afterReply { gateway, budget in
      let deadline = budget.deadlineMilliseconds
      // A failed read is only a missed look: the next one may succeed.
      let (final, settled) = Settling.whileMoving(
        entity, until: deadline - sendingReserveMilliseconds, read: { try? client.state($0) })
      let outcome = events.send(
        { token in report(final, settled: settled, for: event, accessToken: token) },
        services: gateway.services, deadline: deadline)
      let log = gateway.services.logging
      switch outcome {
      case .sent:
        log.info(
          "deferred reply for \(entity.entityId) sent: \(settled ? final.state : "still moving")")
      default: log.warn("deferred reply for \(entity.entityId) not sent: \(outcome)")
      }
    }
    let seconds = max(1, (left - sendingReserveMilliseconds) / 1000)
    return [
      "event": [
        "header": AlexaMessage.header(
          namespace: "Alexa", name: "DeferredResponse", correlationToken: correlationToken),
        "payload": ["estimatedDeferralInSeconds": JSON(Int(seconds))],
      ]
    ]
  }

  /// The final event: a Response with every property once Home Assistant shows the
  /// device where it settled; an ErrorResponse for a lock that jammed
  /// (`HARDWARE_MALFUNCTION`) or a device still moving when time ran out (`ENDPOINT_BUSY`,
  /// "performing another action", developer.amazon.com/docs/alexa/device-apis/
  /// alexa-errorresponse.html): never a state Home Assistant did not show. Its endpoint
  /// carries the grant's token as its scope.
  static func report(_ entity: Entity, settled: Bool, for directive: JSON, accessToken: String)
    -> JSON
  {
    let (correlationToken, _) = AlexaMessage.echo(directive)
    let failure: (type: String, message: String)? =
      if !settled {
        ("ENDPOINT_BUSY", "\(entity.friendlyName) was still \(entity.state) when time ran out")
      } else if entity.domain == "lock" && entity.state == "jammed" {
        ("HARDWARE_MALFUNCTION", "\(entity.friendlyName) is jammed")
      } else {
        nil
      }
    let header = AlexaMessage.header(
      namespace: "Alexa", name: failure == nil ? "Response" : "ErrorResponse",
      correlationToken: correlationToken)
    if let failure {
      return AlexaMessage.event(
        header: header, endpointId: entity.endpointId,
        payload: ["type": .string(failure.type), "message": .string(failure.message)],
        accessToken: accessToken)
    }
    return AlexaMessage.event(
      header: header, endpointId: entity.endpointId,
      properties: DiscoveryTable.properties(of: entity, at: AlexaMessage.now()),
      accessToken: accessToken)
  }
}
