import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// The custom skill against a fake Home Assistant whose Assist answers as told; every
/// response validated against the custom-skill response schema (and its SSML parsed).
@Suite struct CustomSkillTests {
  /// The owner's token, allowed to stand in for requests that carry none (local runs).
  static let linked = ["HOME_ASSISTANT_TOKEN": "configured", "ALLOW_OWNER_TOKEN_FALLBACK": "true"]

  static func assist(
    _ speech: String, type: String = "action_done", code: String? = nil,
    conversationId: JSON = .null
  ) -> JSON {
    var data = JSONObject()
    if let code { data["code"] = .string(code) }
    return [
      "response": [
        "speech": ["plain": ["speech": .string(speech), "extra_data": .null]], "card": [:],
        "language": "en-US", "response_type": .string(type), "data": .object(data),
      ],
      "conversation_id": conversationId,
    ]
  }

  private func speech(_ reply: JSON) -> String? {
    reply["response"]?["outputSpeech"]?["ssml"]?.string
  }

  private func conversationRequests(_ home: FakeHome) -> [JSON] {
    home.upstream.requests.filter { $0.requestLine?.target == "/api/conversation/process" }.map {
      (try? JSONParser.parse($0.body)) ?? .null
    }
  }

  @Test func launchWelcomesAndKeepsTheSessionOpenWithItsOwnConversation() throws {
    let home = try FakeHome()
    let reply = try NativeHarness.run(
      home, SkillEvent.make("LaunchRequest"), environment: Self.linked)
    #expect(speech(reply)?.contains("What would you like to do?") == true)
    #expect(reply["response"]?["shouldEndSession"] == false)
    #expect(reply["response"]?["reprompt"] != nil)
    #expect(reply["sessionAttributes"]?["conversationId"]?.string?.hasPrefix("alexa-") == true)
    #expect(try AlexaSchema.problems([reply], skill: true) == [nil])
  }

  @Test func anUtteranceGoesToAssistInTheSessionsConversation() throws {
    let home = try FakeHome()
    home.conversation = Self.assist("Turned on the light")
    let reply = try NativeHarness.run(
      home,
      SkillEvent.make(
        "IntentRequest", intent: "AssistIntent", query: "turn on the kitchen lights",
        attributes: ["conversationId": "alexa-session-1"], newSession: false, token: "linked"),
      environment: ["ASSIST_AGENT_ID": "conversation.claude"])
    let sent = conversationRequests(home)
    #expect(
      sent == [
        [
          "text": "turn on the kitchen lights", "language": "en-US",
          "conversation_id": "alexa-session-1", "agent_id": "conversation.claude",
        ]
      ])
    #expect(
      home.upstream.requests.first?.header("Authorization") == "Bearer linked",
      "the linked token, not a configured one")
    #expect(speech(reply) == "<speak>Turned on the light</speak>")
    #expect(reply["response"]?["card"]?["type"] == "Simple")
    #expect(reply["response"]?["shouldEndSession"] == true)
    #expect(reply["sessionAttributes"]?["conversationId"] == "alexa-session-1")
    #expect(try AlexaSchema.problems([reply], skill: true) == [nil])
  }

  @Test func questionsAndMisunderstandingsKeepTheSessionOpen() throws {
    let home = try FakeHome()
    var replies: [JSON] = []
    for answer in [
      Self.assist("Which light do you mean?", conversationId: "ha-7"),
      Self.assist("Sorry, I couldn't understand that", type: "error", code: "no_intent_match"),
    ] {
      home.conversation = answer
      replies.append(
        try NativeHarness.run(
          home, SkillEvent.make("IntentRequest", intent: "AssistIntent", query: "blorf"),
          environment: Self.linked))
    }
    #expect(replies.allSatisfy { $0["response"]?["shouldEndSession"] == false })
    #expect(replies.allSatisfy { $0["response"]?["reprompt"] != nil })
    #expect(replies[0]["sessionAttributes"]?["conversationId"] == "ha-7", "Assist's own id wins")
    #expect(speech(replies[1])?.contains("You can say, for example") == true)
    #expect(try AlexaSchema.problems(replies, skill: true) == [nil, nil])
  }

  @Test(arguments: [
    ("AMAZON.HelpIntent", false), ("AMAZON.StopIntent", true), ("AMAZON.CancelIntent", true),
    ("AMAZON.NavigateHomeIntent", true), ("AMAZON.FallbackIntent", false),
  ])
  func builtInIntentsAreAnsweredWithoutAssist(intent: String, ends: Bool) throws {
    let home = try FakeHome()
    let reply = try NativeHarness.run(
      home, SkillEvent.make("IntentRequest", intent: intent), environment: Self.linked)
    #expect(reply["response"]?["shouldEndSession"]?.bool == ends)
    #expect(speech(reply) != nil)
    #expect(conversationRequests(home).isEmpty)
    #expect(try AlexaSchema.problems([reply], skill: true) == [nil])
  }

  @Test func aSessionEndsSilently() throws {
    let home = try FakeHome()
    let reply = try NativeHarness.run(
      home, SkillEvent.make("SessionEndedRequest"), environment: Self.linked)
    #expect(reply["response"]?["outputSpeech"] == nil)
    #expect(try AlexaSchema.problems([reply], skill: true) == [nil])
  }

  @Test func failuresAreSpokenNeverSkillErrors() throws {
    let home = try FakeHome()
    let ask = SkillEvent.make("IntentRequest", intent: "AssistIntent", query: "lights on")
    let unlinked = try NativeHarness.run(home, ask)
    #expect(unlinked["response"]?["card"]?["type"] == "LinkAccount")
    home.status = 500
    let down = try NativeHarness.run(home, ask, environment: Self.linked)
    #expect(speech(down)?.contains("reach your Home Assistant") == true)
    home.status = 401
    let expired = try NativeHarness.run(home, ask, environment: Self.linked)
    #expect(expired["response"]?["card"]?["type"] == "LinkAccount")
    home.status = 200
    home.conversationDelay = 3
    let started = Date()
    let slow = try NativeHarness.run(home, ask, environment: Self.linked, deadline: 1500)
    #expect(Date().timeIntervalSince(started) < 1.5, "answered within the invocation's budget")
    #expect(speech(slow)?.contains("taking too long") == true)
    #expect(
      try AlexaSchema.problems([unlinked, down, expired, slow], skill: true) == [
        nil, nil, nil, nil,
      ])
  }

  @Test func speechIsEscapedForSSMLAndLocalised() throws {
    let home = try FakeHome()
    home.conversation = Self.assist("Tom & Jerry's <b> \"show\" is on")
    let reply = try NativeHarness.run(
      home,
      SkillEvent.make("IntentRequest", intent: "AssistIntent", query: "play", locale: "de-DE"),
      environment: Self.linked)
    #expect(
      speech(reply)
        == "<speak>Tom &amp; Jerry&apos;s &lt;b&gt; &quot;show&quot; is on</speak>")
    #expect(conversationRequests(home).first?["language"] == "de-DE")
    let help = try NativeHarness.run(
      home, SkillEvent.make("IntentRequest", intent: "AMAZON.HelpIntent", locale: "de-DE"),
      environment: Self.linked)
    #expect(speech(help)?.contains("Küchenlicht") == true)
    #expect(try AlexaSchema.problems([reply, help], skill: true) == [nil, nil])
  }

  @Test func otherSkillsAreRefused() throws {
    let home = try FakeHome()
    let environment = Self.linked.merging(["ALEXA_SKILL_ID": SkillEvent.skillId]) { $1 }
    let allowed = try NativeHarness.run(
      home, SkillEvent.make("LaunchRequest"), environment: environment)
    #expect(allowed["response"] != nil)
    #expect {
      _ = try NativeHarness.run(
        home, SkillEvent.make("LaunchRequest", skillId: "amzn1.ask.skill.someone-else"),
        environment: environment)
    } throws: { error in
      (error as? FunctionError)?.errorType == "Skill.NotAllowed"
    }
  }
}
