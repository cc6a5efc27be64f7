import Engine
import JSONCore

/// The push path: Home Assistant tells the function what changed, through the function's
/// URL (home-assistant/lee_alexa_events.yaml sends it), and Alexa hears a ChangeReport or
/// a DoorbellPress. The body carries the entity's new state and attributes (and the old
/// ones), so no call goes back to Home Assistant:
///
///     {"entity_id": "light.kitchen", "new_state": {"state": "on", "attributes": {…}},
///      "old_state": {"state": "off", "attributes": {…}}}
///
/// Every request must carry `Authorization: Bearer HOME_ASSISTANT_PUSH_SECRET`; anything
/// else gets 401 with no detail, before any other work and without calling anyone.
enum PushEndpoint {
  static func register(
    into table: inout RouteTable, _ settings: HomeAssistantSettings, events: AlexaEvents?
  ) {
    let filter = EntityFilter(settings)
    let pushSecret = PushSecret(settings)
    table.fallback(for: .httpRequest) { context, gateway in
      // Without a bearer there is nothing to compare: refused before the secret is read.
      guard let request = FunctionURLRequest(context.event),
        let authorization = request.headers["authorization"],
        authorization.hasPrefix("Bearer "),
        let secret = pushSecret.value(gateway.services),
        SecurityPolicy.constantTimeEquals(authorization, "Bearer \(secret)")
      else {
        return answer(401, ["error": "unauthorized"])
      }
      guard request.method == "POST" else { return answer(405, ["error": "POST only"]) }
      guard let events else {
        return answer(409, ["error": "proactive events are off: ALEXA_CLIENT_ID is not set"])
      }
      let change: Change
      let config: [String: JSONObject]
      do throws(AlexaFailure) {
        config = try settings.entityConfig(gateway.services)
      } catch {
        // What the owner hid is unknown: nothing is told about any entity.
        return answer(503, ["sent": false, "reason": .string(error.message)])
      }
      do throws(Change.Malformed) {
        change = try Change(request.body, config)
      } catch {
        return answer(400, ["error": .string(error.message)])
      }
      return push(change, events, filter, gateway, context.invocation.deadlineMilliseconds)
    }
    table.onError(for: .httpRequest) { _, gateway, error in
      gateway.services.logging.error("push failed: \(error)")
      return answer(500, ["error": "internal error"])
    }
  }

  static func push(
    _ change: Change, _ events: AlexaEvents, _ filter: EntityFilter, _ gateway: Gateway,
    _ deadline: Int64
  ) -> Reply {
    // Discovery's own rules: the filter, the owner's alexa_hidden, an exposable profile;
    // an entity that became unavailable (and may have lost the attributes that made it an
    // endpoint) is judged as it was.
    let shape = change.new.isUnavailable ? change.old ?? change.new : change.new
    guard filter.allows(change.new), filter.allows(shape), Discovery.endpoint(for: shape) != nil
    else {
      return answer(200, ["sent": false, "reason": "not an Alexa endpoint"])
    }
    guard
      let build = DoorbellPress.make(old: change.old, new: change.new)
        ?? ChangeReport.make(old: change.old, new: change.new, cause: "PHYSICAL_INTERACTION")
    else {
      return answer(200, ["sent": false, "reason": "no Alexa property changed"])
    }
    let outcome = events.send(build, services: gateway.services, deadline: deadline)
    switch outcome {
    case .sent: return answer(202, ["sent": true])
    case .noGrant:
      return answer(409, ["sent": false, "reason": "no grant: enable the skill in the Alexa app"])
    case .revoked(let why):
      return answer(409, ["sent": false, "reason": .string("revoked: \(why)")])
    case .failed(let why):
      gateway.services.logging.warn("ChangeReport for \(change.new.entityId) not sent: \(why)")
      return answer(502, ["sent": false, "reason": "the event gateway did not take it"])
    }
  }

  static func answer(_ status: Int, _ body: JSON) -> Reply {
    FunctionURLRequest.response(status: status, body: body)
  }

  /// What one push says changed, read strictly: a bad body is a 400 naming the problem.
  struct Change {
    let new: Entity
    let old: Entity?

    struct Malformed: Error { let message: String }

    init(_ body: [UInt8], _ config: [String: JSONObject]) throws(Malformed) {
      guard let push = try? JSONParser.parse(body, maximumDepth: 32) else {
        throw Malformed(message: "the body is not JSON")
      }
      guard let entityId = push["entity_id"]?.string, EntityId(entityId) != nil else {
        throw Malformed(message: "entity_id is missing or not an entity id")
      }
      func entity(_ key: String) throws(Malformed) -> Entity? {
        guard let state = push[key], !state.isNull else { return nil }
        guard let value = state["state"]?.string else {
          throw Malformed(message: "\(key).state is missing")
        }
        let attributes = state["attributes"] ?? [:]
        guard attributes.object != nil else {
          throw Malformed(message: "\(key).attributes is not an object")
        }
        let json: JSON = [
          "entity_id": .string(entityId), "state": .string(value), "attributes": attributes,
        ]
        return Entity(HomeAssistantSettings.apply(config, to: json))
      }
      guard let new = try entity("new_state") else {
        throw Malformed(message: "new_state is missing (a removed entity sends nothing)")
      }
      self.new = new
      old = try entity("old_state")
    }
  }
}
