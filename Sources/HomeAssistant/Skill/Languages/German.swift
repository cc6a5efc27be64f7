extension SkillLanguage {
  static let german = SkillLanguage(
    code: "de", locales: ["de-DE"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant hört zu. Was möchtest du tun?",
      reprompt: "Was möchtest du tun?",
      help:
        "Sag mir, was in deinem Zuhause passieren soll, zum Beispiel: schalte das Küchenlicht ein, oder: wie warm ist es im Wohnzimmer?",
      goodbye: "Tschüss.",
      notUnderstood: "Du kannst zum Beispiel sagen: schalte das Küchenlicht ein.",
      linkAccount: "Bitte verknüpfe zuerst dein Home-Assistant-Konto in der Alexa-App.",
      unreachable:
        "Ich erreiche dein Home Assistant gerade nicht. Bitte versuche es später noch einmal.",
      tooSlow: "Home Assistant braucht zu lange. Bitte versuche es noch einmal.",
      failed: "Entschuldigung, da ist etwas schiefgegangen.",
      oneMoment: "Einen Moment."),
    fillers: [
      "bitte {query}", "dass {query}", "kannst du {query}", "könntest du {query}",
      "ich möchte {query}", "{query} bitte",
    ],
    carriers: [
      "AssistTurnIntent": "schalte {query}", "AssistSwitchIntent": "mach {query}",
      "AssistSetIntent": "stelle {query}", "AssistWhatIntent": "was {query}",
      "AssistWhatsIntent": "welche {query}", "AssistHowIntent": "wie {query}",
      "AssistIsIntent": "ist {query}", "AssistAreIntent": "sind {query}",
      "AssistOpenIntent": "öffne {query}", "AssistCloseIntent": "schließe {query}",
      "AssistLockIntent": "verriegle {query}", "AssistUnlockIntent": "entriegle {query}",
      "AssistStartIntent": "starte {query}", "AssistStopIntent": "stoppe {query}",
      "AssistActivateIntent": "aktiviere {query}", "AssistDimIntent": "dimme {query}",
      "AssistPlayIntent": "spiele {query}", "AssistPauseIntent": "pausiere {query}",
    ])
}
