import Engine
import JSONCore
import LambdaRuntime

/// The Alexa custom skill: a conversation with Home Assistant's Assist. Every utterance
/// (the free-text slot of the Assist intents, see `SkillLanguage`) goes to
/// `/api/conversation/process` with one
/// conversation id per Alexa session, kept in the session's attributes; Alexa's built-in
/// intents are answered here. Whatever fails, Alexa hears a short sentence, never a skill
/// error.
enum CustomSkill {
  static let querySlot = "query"
  static let conversationAttribute = "conversationId"
  /// Alexa waits 8 s for a skill; Home Assistant gets at most this, so a slow agent is
  /// answered with "taking too long" before Alexa gives up.
  static let alexaBudgetMilliseconds: Int64 = 7000

  static func register(into table: inout RouteTable, _ settings: HomeAssistantSettings) {
    table.register(.customSkill(requestType: "LaunchRequest")) { context, gateway in
      let request = try admitted(context, gateway, settings)
      let phrases = request.language.phrases
      return reply(
        SkillResponse(
          speech: phrases.welcome, reprompt: phrases.reprompt, endsSession: false,
          attributes: [conversationAttribute: .string(newConversationId())]))
    }
    table.register(.customSkill(requestType: "IntentRequest")) { context, gateway in
      reply(try answer(try admitted(context, gateway, settings), context, gateway, settings))
    }
    // SessionEndedRequest and anything else (System.ExceptionEncountered, …): nothing to
    // say; Alexa accepts an empty response and must get no speech.
    table.fallback(for: .customSkill) { context, gateway in
      _ = try admitted(context, gateway, settings)
      return reply(SkillResponse(speech: nil))
    }
    table.onError(for: .customSkill) { context, gateway, error in
      reply(spokenFailure(error, SkillRequest(event: context.event), gateway))
    }
  }

  /// The request, if it comes from an allowed skill (ALEXA_SKILL_ID). With none set,
  /// every request is refused: any skill could otherwise talk to the owner's Assist.
  static func admitted(
    _ context: EventContext, _ gateway: Gateway, _ settings: HomeAssistantSettings
  ) throws -> SkillRequest {
    let request = SkillRequest(event: context.event)
    guard !settings.alexaSkillIds.isEmpty else {
      gateway.services.logging.error(
        "ALEXA_SKILL_ID is not set: custom-skill requests are refused until it names your skill's id"
      )
      throw Refusal(type: "Skill.NotConfigured", message: "ALEXA_SKILL_ID is not set")
    }
    guard SecurityPolicy.isAllowed(request.applicationId, by: settings.alexaSkillIds) else {
      throw Refusal(
        type: "Skill.NotAllowed",
        message: "requests from skill \(request.applicationId ?? "(none)") are refused")
    }
    return request
  }

  static func answer(
    _ request: SkillRequest, _ context: EventContext, _ gateway: Gateway,
    _ settings: HomeAssistantSettings
  ) throws -> SkillResponse {
    let phrases = request.language.phrases
    let attributes = request.attributes
    switch request.intentName {
    case "AMAZON.HelpIntent":
      return SkillResponse(
        speech: phrases.help, reprompt: phrases.reprompt, endsSession: false,
        attributes: attributes)
    case "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent":
      return SkillResponse(speech: phrases.goodbye)
    default:
      guard let query = request.slot(querySlot) else {
        return SkillResponse(
          speech: phrases.notUnderstood, reprompt: phrases.reprompt, endsSession: false,
          attributes: attributes)
      }
      let text = request.language.utterance(intent: request.intentName ?? "", query: query)
      return try converse(text, request, phrases, context, gateway, settings)
    }
  }

  /// One turn with Assist, in this session's conversation.
  static func converse(
    _ text: String, _ request: SkillRequest, _ phrases: SkillPhrases, _ context: EventContext,
    _ gateway: Gateway, _ settings: HomeAssistantSettings
  ) throws -> SkillResponse {
    let invocation = context.invocation
    let budget = Invocation(
      requestId: invocation.requestId,
      deadlineMilliseconds: min(
        invocation.deadlineMilliseconds, Clock.wallMilliseconds() + alexaBudgetMilliseconds),
      body: [])
    let client = try HomeAssistantClient.connect(
      linkedToken: request.accessToken, settings: settings, services: gateway.services,
      invocation: budget)
    let conversationId =
      request.attributes[conversationAttribute]?.string ?? newConversationId()
    let progressive = ProgressiveResponse.schedule(
      for: request, saying: phrases.oneMoment, deadline: budget.deadlineMilliseconds,
      settings: settings, services: gateway.services)
    defer { progressive.map { log($0.answered(), gateway.services.logging) } }
    let answer = AssistAnswer(
      try client.converse(
        text: text, language: request.locale, conversationId: conversationId,
        agentId: settings.assistAgentId))
    var speech = answer.speech.isEmpty ? phrases.failed : answer.speech
    let misunderstood = answer.errorCode == "no_intent_match"
    if misunderstood { speech += " " + phrases.notUnderstood }
    // A question, or an utterance Assist could not act on: the user may answer or rephrase.
    let staysOpen = answer.asksQuestion || answer.errorCode != nil
    return SkillResponse(
      speech: speech, card: .simple(title: "Home Assistant", content: "“\(text)”\n\(speech)"),
      reprompt: staysOpen ? phrases.reprompt : nil, endsSession: !staysOpen,
      attributes: [conversationAttribute: .string(answer.conversationId ?? conversationId)])
  }

  /// What Alexa says when the turn failed: link the account, Home Assistant unreachable
  /// or slow, or (a bug, logged) that something went wrong.
  static func spokenFailure(_ error: any Error, _ request: SkillRequest, _ gateway: Gateway)
    -> SkillResponse
  {
    let phrases = request.language.phrases
    switch error {
    case HomeAssistantError.noToken, HomeAssistantError.unauthorized,
      HomeAssistantError.malformedToken:
      return SkillResponse(speech: phrases.linkAccount, card: .linkAccount)
    case let failure as AlexaFailure where failure.type == .invalidAuthorizationCredential:
      return SkillResponse(speech: phrases.linkAccount, card: .linkAccount)  // link mode's owner check
    case HomeAssistantError.unreachable(.timeout), HomeAssistantError.unreachable(.budgetExhausted),
      HomeLink.Failure.timedOut, is BudgetExhausted:
      return SkillResponse(speech: phrases.tooSlow)
    case HomeAssistantError.parameterStore:
      gateway.services.logging.error("Parameter Store failed while answering the skill: \(error)")
      return SkillResponse(speech: phrases.unreachable)
    case is HomeAssistantError, is HTTPClientError, is HomeLink.Failure:
      return SkillResponse(speech: phrases.unreachable)
    default:
      gateway.services.logging.error("bug while answering a skill request: \(error)")
      return SkillResponse(speech: phrases.failed)
    }
  }

  /// What became of the turn's progressive response, once its answer is ready.
  static func log(_ outcome: ProgressiveResponse.Outcome, _ log: Logger) {
    switch outcome {
    case .waiting, .notNeeded: break
    case .sending: log.debug("progressive response still on its way when Assist answered")
    case .sent(let status): log.debug("progressive response sent (\(status))")
    case .skipped(let why): log.info("progressive response skipped: \(why)")
    case .failed(let why): log.warn("progressive response failed (ignored): \(why)")
    }
  }

  static func reply(_ response: SkillResponse) -> Reply { .json(response.json) }

  /// A fresh id for a new session's conversation: never shared between sessions.
  static func newConversationId() -> String { "alexa-" + MessageId.make() }
}
