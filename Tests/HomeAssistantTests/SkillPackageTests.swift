import Foundation
import JSONCore
import TestSupport
import Testing

@testable import HomeAssistant

/// skill-package/ (ASK CLI layout) is complete for every locale Alexa offers custom skills
/// in, written from the skill's own language tables, and keeps the interaction-model rules
/// that can be checked without Amazon.
@Suite struct SkillPackageTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "skill-package")

  /// Every locale Alexa offers custom skills in.
  static let locales = [
    "ar-SA", "de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "es-ES", "es-MX", "es-US",
    "fr-CA", "fr-FR", "hi-IN", "it-IT", "ja-JP", "nl-NL", "pt-BR",
  ]

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  static func read(_ relative: String) throws -> JSON {
    try JSONParser.parse(Array(FileManager.default.contents(atPath: path(relative)) ?? Data()))
  }

  static func model(_ locale: String) throws -> JSON? {
    try read("interactionModels/custom/\(locale).json")["interactionModel"]?["languageModel"]
  }

  @Test func everyLocaleHasExactlyOneLanguage() {
    let covered = SkillLanguage.all.flatMap(\.locales)
    #expect(covered.sorted() == Self.locales)
    #expect(Set(covered).count == covered.count)
    for language in SkillLanguage.all {
      #expect(language.locales.allSatisfy { $0.hasPrefix(language.code + "-") }, "\(language.code)")
    }
  }

  @Test(arguments: locales)
  func theModelIsWrittenFromItsLanguage(locale: String) throws {
    let expected = SkillModel.interactionModel(SkillLanguage.forLocale(locale))
    let file = "interactionModels/custom/\(locale).json"
    if ProcessInfo.processInfo.environment["LEE_WRITE_SKILL_MODELS"] == "1" {
      let text = JSONWriter(pretty: true).string(expected) + "\n"
      try text.write(toFile: Self.path(file), atomically: true, encoding: .utf8)
    }
    #expect(
      try Self.read(file) == expected,
      "\(file) differs from SkillLanguage's tables: LEE_WRITE_SKILL_MODELS=1 swift test --filter SkillPackageTests rewrites it"
    )
  }

  @Test(arguments: locales)
  func theModelKeepsTheInteractionModelRules(locale: String) throws {
    let model = try Self.model(locale)
    let problems = InteractionModelRules.problems(model, locale: locale)
    #expect(problems.isEmpty, "\(locale): \(problems)")
  }

  @Test func everyLanguageIsComplete() {
    for language in SkillLanguage.all {
      #expect(
        Set(language.carriers.keys) == Set(SkillLanguage.carrierIntents), "\(language.code)")
      #expect(!language.fillers.isEmpty, "\(language.code)")
      let phrases = Mirror(reflecting: language.phrases).children.compactMap { $0.value as? String }
      #expect(phrases.count == 10, "\(language.code): every phrase is a String field")
      for phrase in phrases {
        #expect(!phrase.trimmingCharacters(in: .whitespaces).isEmpty, "\(language.code)")
        #expect(phrase.count <= 200, "\(language.code): spoken, so short: \(phrase)")
      }
      if language.code != "en" {
        let english = Mirror(reflecting: SkillLanguage.english.phrases).children.compactMap {
          $0.value as? String
        }
        #expect(
          zip(phrases, english).allSatisfy { $0 != $1 }, "\(language.code) is translated")
      }
    }
  }

  @Test func theExampleInNotUnderstoodIsOneTheModelUnderstands() {
    for language in SkillLanguage.all {
      let spoken = language.phrases.notUnderstood
      let understood = language.carriers.values.contains { template in
        let parts = template.components(separatedBy: SkillLanguage.slotReference)
        let (before, after) = (parts.first ?? "", parts.last ?? "")
        return (before.isEmpty || spoken.contains(before))
          && (after.isEmpty || spoken.contains(after))
      }
      #expect(understood, "\(language.code): \(spoken)")
    }
  }

  @Test func theManifestPublishesEveryLocale() throws {
    let manifest = try Self.read("skill.json")["manifest"]
    #expect(
      manifest?["apis"]?["custom"]?["endpoint"]?["uri"]?.string?.hasPrefix("arn:aws:lambda:")
        == true)
    let published = manifest?["publishingInformation"]?["locales"]?.object ?? JSONObject()
    #expect(published.keys.sorted() == Self.locales)
    let privacy = manifest?["privacyAndCompliance"]?["locales"]?.object ?? JSONObject()
    #expect(privacy.keys.sorted() == Self.locales)
    for (locale, info) in published {
      let invocation = SkillLanguage.forLocale(locale).invocationName
      for field in ["name", "summary", "description"] {
        #expect(info[field]?.string?.isEmpty == false, "\(locale) \(field)")
      }
      let examples = info["examplePhrases"]?.array?.compactMap(\.string) ?? []
      #expect((1...3).contains(examples.count), "\(locale)")
      let wakeWords = ["Alexa", "アレクサ", "اليكسا"]
      #expect(
        examples.first.map { first in
          wakeWords.contains { first.hasPrefix($0) } && first.contains(invocation)
        } == true,
        "\(locale): the first example opens the skill by its invocation name")
    }
  }

  @Test func theCarrierIsPutBackWhereTheLanguageSaysIt() throws {
    let cases: [(String, String, String, String)] = [
      ("en-US", "AssistTurnIntent", "on the kitchen lights", "turn on the kitchen lights"),
      ("fr-CA", "AssistTurnIntent", "la lumière", "allume la lumière"),
      ("ja-JP", "AssistTurnIntent", "キッチンの電気", "キッチンの電気をつけて"),
      ("hi-IN", "AssistTurnIntent", "किचन की लाइट", "किचन की लाइट चालू करो"),
      ("hi-IN", "AssistIsIntent", "दरवाज़ा बंद है", "क्या दरवाज़ा बंद है"),
      ("pt-BR", "AssistIntent", "liga a luz", "liga a luz"),
      ("fr-BE", "AssistTurnIntent", "la lumière", "allume la lumière"),
      ("sv-SE", "AssistTurnIntent", "on the lights", "turn on the lights"),
    ]
    for (locale, intent, query, expected) in cases {
      #expect(
        SkillLanguage.forLocale(locale).utterance(intent: intent, query: query) == expected)
    }
  }

  @Test func theCarrierReachesAssistInFrontOfTheQuery() throws {
    let home = try FakeHome()
    home.conversation = CustomSkillTests.assist("Turned on the light")
    _ = try NativeHarness.run(
      home,
      SkillEvent.make("IntentRequest", intent: "AssistTurnIntent", query: "on the kitchen lights"),
      environment: CustomSkillTests.linked)
    let sent = home.upstream.requests.first {
      $0.requestLine?.target == "/api/conversation/process"
    }
    #expect(try sent.map { try JSONParser.parse($0.body)["text"] } == "turn on the kitchen lights")
  }
}
