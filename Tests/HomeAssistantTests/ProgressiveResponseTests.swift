import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Synchronization
import TestSupport
import Testing

@testable import HomeAssistant

/// "One moment" while Assist thinks: a fake Alexa API on loopback records what the skill
/// posts to `/v1/directives`, and the fake Home Assistant's Assist answers as slowly as
/// told. Every directive is validated against the progressive-response schema.
@Suite struct ProgressiveResponseTests {
  static let apiToken = "alexa-api-token-for-this-request"

  /// A fake Alexa API that answers `status` and records when each directive arrived.
  final class AlexaAPI: Sendable {
    let status: Int
    private let arrivals = Mutex<[(JSON, String?, UInt64)]>([])
    private(set) nonisolated(unsafe) var upstream: FakeUpstream!

    init(status: Int = 204) throws {
      self.status = status
      upstream = try FakeUpstream { [weak self] request in
        guard let self else { return nil }
        let body = (try? JSONParser.parse(request.body)) ?? .null
        let authorization = request.header("Authorization")
        arrivals.withLock { $0.append((body, authorization, Clock.monotonicNanoseconds())) }
        return .response(self.status, "Answered")
      }
    }

    var directives: [(body: JSON, authorization: String?, at: UInt64)] {
      arrivals.withLock { $0.map { (body: $0.0, authorization: $0.1, at: $0.2) } }
    }
  }

  private func turn(
    _ home: FakeHome, _ api: AlexaAPI, locale: String = "en-US", after: Int = 300,
    log: CapturedLog? = nil
  ) throws -> (reply: JSON, finishedAt: UInt64, seconds: Double) {
    let gateway = try NativeHarness.gateway(
      home,
      environment: CustomSkillTests.linked.merging([
        "ALEXA_API_URL": api.upstream.url, "PROGRESSIVE_RESPONSE_AFTER_MS": "\(after)",
      ]) { $1 }, log: log?.log)
    let event = SkillEvent.make(
      "IntentRequest", intent: "AssistTurnIntent", query: "on the kitchen lights",
      locale: locale, apiAccessToken: Self.apiToken)
    let started = Clock.monotonicNanoseconds()
    let reply = try NativeHarness.answer(gateway, event)
    let finished = Clock.monotonicNanoseconds()
    return (reply, finished, Double(finished - started) / 1e9)
  }

  @Test func aSlowAssistGetsOneLocalisedMomentBeforeItsAnswer() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Lumière allumée")
    home.conversationDelay = 1.0
    let api = try AlexaAPI()
    let (reply, finishedAt, seconds) = try turn(home, api, locale: "fr-FR")
    #expect(reply["response"]?["outputSpeech"]?["ssml"] == "<speak>Lumière allumée</speak>")
    #expect(seconds < 1.4, "the answer did not wait for the progressive call: \(seconds) s")
    let directives = api.directives
    #expect(directives.count == 1)
    let directive = try #require(directives.first)
    #expect(directive.at < finishedAt, "the moment came before the answer")
    #expect(directive.authorization == "Bearer \(Self.apiToken)")
    #expect(directive.body["header"]?["requestId"] == "amzn1.echo-api.request.1")
    #expect(directive.body["directive"]?["type"] == "VoicePlayer.Speak")
    #expect(directive.body["directive"]?["speech"] == "<speak>Un instant.</speak>")
    #expect(try AlexaSchema.problems([directive.body], progressive: true) == [nil])
  }

  @Test func aQuickAnswerNeedsNoMomentAndNoneComesLater() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    let api = try AlexaAPI()
    _ = try turn(home, api, after: 200)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(api.directives.isEmpty)
  }

  @Test func neverMoreThanOneHoweverLongAssistThinks() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    home.conversationDelay = 1.2
    let api = try AlexaAPI()
    _ = try turn(home, api, after: 100)
    #expect(api.directives.count == 1)
  }

  @Test func noMomentWhenTheTurnsBudgetCannotHearIt() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    home.conversationDelay = 0.8
    let api = try AlexaAPI()
    let log = CapturedLog(level: .info)
    let gateway = try NativeHarness.gateway(
      home,
      environment: CustomSkillTests.linked.merging([
        "ALEXA_API_URL": api.upstream.url, "PROGRESSIVE_RESPONSE_AFTER_MS": "300",
      ]) { $1 }, log: log.log)
    let event = SkillEvent.make(
      "IntentRequest", intent: "AssistTurnIntent", query: "on the kitchen lights",
      apiAccessToken: Self.apiToken)
    // 1.2 s for the whole turn: at the 0.3 s mark, less than a second is left.
    _ = try NativeHarness.answer(gateway, event, deadline: 1200)
    #expect(api.directives.isEmpty)
    #expect(log.text.contains("progressive response skipped"))
  }

  @Test(arguments: [500, 403])
  func aFailingAlexaAPIChangesNothingButTheLog(status: Int) throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    home.conversationDelay = 0.6
    let api = try AlexaAPI(status: status)
    let log = CapturedLog(level: .warn)
    let (reply, _, _) = try turn(home, api, after: 100, log: log)
    #expect(reply["response"]?["outputSpeech"]?["ssml"] == "<speak>Turned on the light</speak>")
    #expect(api.directives.count == 1)
    #expect(log.text.contains("progressive response failed (ignored): Alexa answered \(status)"))
    #expect(!log.text.contains(Self.apiToken))
  }

  @Test func onlyAmazonsOwnEndpointsGetTheRequestsToken() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    home.conversationDelay = 0.5
    let impostor = try AlexaAPI()
    let gateway = try NativeHarness.gateway(
      home,
      environment: CustomSkillTests.linked.merging(["PROGRESSIVE_RESPONSE_AFTER_MS": "100"]) {
        $1
      })
    _ = try NativeHarness.answer(
      gateway,
      SkillEvent.make(
        "IntentRequest", intent: "AssistTurnIntent", query: "on the lights",
        apiEndpoint: impostor.upstream.url, apiAccessToken: Self.apiToken))
    #expect(impostor.directives.isEmpty)
  }
}
