import JSONCore

/// Alexa custom-skill requests for tests, shaped like the ones Alexa sends.
public enum SkillEvent {
  public static let skillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"

  /// A request of `type`; for IntentRequest, `intent` with `query` in its free-text slot.
  public static func make(
    _ type: String, intent: String? = nil, query: String? = nil, locale: String = "en-US",
    attributes: JSON = [:], newSession: Bool = true, token: String? = nil,
    skillId: String = skillId, apiEndpoint: String = "https://api.amazonalexa.com",
    apiAccessToken: String? = nil
  ) -> JSON {
    let application: JSON = ["applicationId": .string(skillId)]
    var user = JSONObject([("userId", "amzn1.ask.account.TEST")])
    if let token { user["accessToken"] = .string(token) }
    var request = JSONObject([
      ("type", .string(type)), ("requestId", "amzn1.echo-api.request.1"),
      ("timestamp", "2026-11-24T08:00:00Z"), ("locale", .string(locale)),
    ])
    if let intent {
      var slots = JSONObject()
      if let query {
        slots["query"] = ["name": "query", "value": .string(query), "confirmationStatus": "NONE"]
      }
      request["intent"] = [
        "name": .string(intent), "confirmationStatus": "NONE", "slots": .object(slots),
      ]
    }
    if type == "SessionEndedRequest" { request["reason"] = "USER_INITIATED" }
    var system = JSONObject([
      ("application", application), ("user", .object(user)),
      ("device", ["deviceId": "amzn1.ask.device.TEST", "supportedInterfaces": [:]]),
      ("apiEndpoint", .string(apiEndpoint)),
    ])
    if let apiAccessToken { system["apiAccessToken"] = .string(apiAccessToken) }
    return [
      "version": "1.0",
      "session": [
        "new": .bool(newSession), "sessionId": "amzn1.echo-api.session.1",
        "application": application, "attributes": attributes, "user": .object(user),
      ],
      "context": ["System": .object(system)],
      "request": .object(request),
    ]
  }
}
