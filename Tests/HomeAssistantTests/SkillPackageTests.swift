import Foundation
import JSONCore
import TestSupport
import Testing

@testable import HomeAssistant

/// skill-package/ (ASK CLI layout) is well-formed and in step with the skill's code.
@Suite struct SkillPackageTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "skill-package")

  static func read(_ path: String) throws -> JSON {
    try JSONParser.parse(
      Array(FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data()))
  }

  @Test func theManifestNamesTheCustomSkillInEveryModelsLocale() throws {
    let manifest = try Self.read("skill.json")["manifest"]
    #expect(
      manifest?["apis"]?["custom"]?["endpoint"]?["uri"]?.string?.hasPrefix("arn:aws:lambda:")
        == true)
    let locales = manifest?["publishingInformation"]?["locales"]?.object?.keys.sorted() ?? []
    #expect(locales == ["de-DE", "en-US"])
  }

  @Test(arguments: ["en-US", "de-DE"])
  func eachModelsCarriersMatchTheCode(locale: String) throws {
    let model = try Self.read("interactionModels/custom/\(locale).json")["interactionModel"]?[
      "languageModel"]
    let invocation = model?["invocationName"]?.string ?? ""
    #expect(!invocation.isEmpty && invocation == invocation.lowercased())
    let intents = model?["intents"]?.array ?? []
    let names = Set(intents.compactMap { $0["name"]?.string })
    for builtIn in [
      "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.FallbackIntent",
      "AMAZON.NavigateHomeIntent", "AssistIntent",
    ] {
      #expect(names.contains(builtIn), "\(locale) lacks \(builtIn)")
    }
    let carriers = SkillCarriers.byLanguage[String(locale.prefix(2))] ?? [:]
    for intent in intents {
      guard let name = intent["name"]?.string, name.hasPrefix("Assist") else { continue }
      #expect(intent["slots"] == [["name": "query", "type": "AMAZON.SearchQuery"]], "\(name)")
      let samples = intent["samples"]?.array?.compactMap(\.string) ?? []
      #expect(!samples.isEmpty && samples.allSatisfy { $0.contains("{query}") && $0 != "{query}" })
      if name != "AssistIntent" {
        #expect(samples == ["\(carriers[name] ?? "?") {query}"], "\(locale) \(name)")
      }
    }
    #expect(Set(carriers.keys).isSubset(of: names))
  }

  @Test func theCarrierIsPutBackInFrontOfTheQuery() throws {
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
