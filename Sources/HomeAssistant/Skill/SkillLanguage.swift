/// One language of the custom skill: what the skill says itself, and how an utterance is
/// put back together for Assist. Each language lives in a file of its own (`Languages/`);
/// the interaction models in skill-package/ are written from these tables
/// (`SkillPackageTests` checks them, and rewrites them with `LEE_WRITE_SKILL_MODELS=1`).
///
/// Alexa's free-text slot (AMAZON.SearchQuery) needs a carrier phrase in every sample,
/// and the carrier is not part of the slot's value: "turn on the lights" matched by
/// `turn {query}` fills the slot with "on the lights". So each carrier that means
/// something has an intent of its own, whose one sample is also the template the
/// utterance is rebuilt from: the slot's text replaces `{query}`, so the carrier goes back
/// where the language puts it (before the text in English, after it in Japanese and for
/// most Hindi verbs) and with or without a space. Rebuilding is exact whichever of two
/// overlapping samples Alexa matched ("ابدأ {query}" or "ابدأ تشغيل {query}"): the words
/// said come back in the order said. The intents keep the English carriers' names; each
/// language fills each one with a carrier of its own.
struct SkillLanguage: Sendable {
  /// ISO 639-1, as in the request's locale (`pt-BR` → `pt`).
  let code: String
  /// The Alexa locales this language's interaction model is published in.
  let locales: [String]
  let invocationName: String
  let phrases: SkillPhrases
  /// `AssistIntent`'s samples: carriers that change nothing ("please {query}"), dropped.
  let fillers: [String]
  /// Each carrier intent's one sample, which is also its template, by intent name.
  let carriers: [String: String]

  static let slotReference = "{query}"

  /// The carrier intents, the same in every locale.
  static let carrierIntents = [
    "AssistTurnIntent", "AssistSwitchIntent", "AssistSetIntent", "AssistWhatIntent",
    "AssistWhatsIntent", "AssistHowIntent", "AssistIsIntent", "AssistAreIntent",
    "AssistOpenIntent", "AssistCloseIntent", "AssistLockIntent", "AssistUnlockIntent",
    "AssistStartIntent", "AssistStopIntent", "AssistActivateIntent", "AssistDimIntent",
    "AssistPlayIntent", "AssistPauseIntent",
  ]

  static let all: [SkillLanguage] = [
    .arabic, .german, .english, .spanish, .french, .hindi, .italian, .japanese, .dutch,
    .portuguese,
  ]

  private static let byCode: [String: SkillLanguage] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.code, $0) })

  /// The language of `locale` (`fr-CA` → French), English for a language we lack.
  static func forLocale(_ locale: String?) -> SkillLanguage {
    guard let locale else { return .english }
    let code = String(locale.prefix { $0 != "-" && $0 != "_" }).lowercased()
    return byCode[code] ?? .english
  }

  /// What the user said: the intent's carrier (if it means something) around the slot.
  func utterance(intent: String, query: String) -> String {
    guard let template = carriers[intent] else { return query }
    return template.replacing(Self.slotReference, with: query)
  }
}
