import JSONCore

@testable import HomeAssistant

/// The interaction model a language's tables make: what skill-package/ must hold for
/// each of its locales (written there with `LEE_WRITE_SKILL_MODELS=1`).
enum SkillModel {
  static let builtInIntents = [
    "AMAZON.CancelIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent", "AMAZON.FallbackIntent",
  ]

  static func interactionModel(_ language: SkillLanguage) -> JSON {
    var intents: [JSON] = builtInIntents.map { ["name": .string($0), "samples": []] }
    intents.append(assistIntent("AssistIntent", language.fillers))
    for name in SkillLanguage.carrierIntents {
      intents.append(assistIntent(name, [language.carriers[name] ?? ""]))
    }
    return [
      "interactionModel": [
        "languageModel": [
          "invocationName": .string(language.invocationName), "intents": .array(intents),
          "types": [],
        ]
      ]
    ]
  }

  private static func assistIntent(_ name: String, _ samples: [String]) -> JSON {
    [
      "name": .string(name), "slots": [["name": "query", "type": "AMAZON.SearchQuery"]],
      "samples": .array(samples.map { .string($0) }),
    ]
  }
}
