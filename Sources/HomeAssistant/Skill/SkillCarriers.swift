/// Alexa's free-text slot (AMAZON.SearchQuery) needs a carrier word in every sample, and
/// the carrier is not part of the slot's value: "turn on the lights" matched by
/// `turn {query}` fills the slot with "on the lights". So each meaningful carrier has an
/// intent of its own, and it is put back in front of what goes to Assist. `AssistIntent`'s
/// carriers ("please", "to") mean nothing and are dropped. The interaction models in
/// skill-package/ use the same words (a test keeps them in step).
enum SkillCarriers {
  static let byLanguage: [String: [String: String]] = [
    "en": [
      "AssistTurnIntent": "turn", "AssistSwitchIntent": "switch", "AssistSetIntent": "set",
      "AssistWhatIntent": "what", "AssistWhatsIntent": "what's", "AssistHowIntent": "how",
      "AssistIsIntent": "is", "AssistAreIntent": "are", "AssistOpenIntent": "open",
      "AssistCloseIntent": "close", "AssistLockIntent": "lock", "AssistUnlockIntent": "unlock",
      "AssistStartIntent": "start", "AssistStopIntent": "stop",
      "AssistActivateIntent": "activate", "AssistDimIntent": "dim", "AssistPlayIntent": "play",
      "AssistPauseIntent": "pause",
    ],
    "de": [
      "AssistTurnIntent": "schalte", "AssistSwitchIntent": "mach", "AssistSetIntent": "stelle",
      "AssistWhatIntent": "was", "AssistWhatsIntent": "welche", "AssistHowIntent": "wie",
      "AssistIsIntent": "ist", "AssistAreIntent": "sind", "AssistOpenIntent": "öffne",
      "AssistCloseIntent": "schließe", "AssistLockIntent": "verriegle",
      "AssistUnlockIntent": "entriegle", "AssistStartIntent": "starte",
      "AssistStopIntent": "stoppe", "AssistActivateIntent": "aktiviere",
      "AssistDimIntent": "dimme", "AssistPlayIntent": "spiele", "AssistPauseIntent": "pausiere",
    ],
  ]

  /// What the user said: the intent's carrier (if it means something) and the slot.
  static func utterance(intent: String, query: String, language: String?) -> String {
    guard let carrier = language.flatMap({ byLanguage[$0]?[intent] }) else { return query }
    return "\(carrier) \(query)"
  }
}
