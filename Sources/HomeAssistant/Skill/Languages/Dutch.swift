extension SkillLanguage {
  /// Dutch splits its verbs ("zet het licht aan"): the carrier is the verb in front, the
  /// particle stays in the slot at the end, so the sentence comes back whole.
  static let dutch = SkillLanguage(
    code: "nl", locales: ["nl-NL"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant luistert. Wat wil je doen?",
      reprompt: "Wat wil je doen?",
      help:
        "Zeg wat er in huis moet gebeuren, bijvoorbeeld: zet het licht in de keuken aan, of: hoe warm is het in de woonkamer?",
      goodbye: "Tot ziens.",
      notUnderstood: "Je kunt bijvoorbeeld zeggen: zet het licht in de keuken aan.",
      linkAccount: "Koppel eerst je Home Assistant-account in de Alexa-app.",
      unreachable: "Ik kan je Home Assistant nu niet bereiken. Probeer het later opnieuw.",
      tooSlow: "Home Assistant doet er te lang over. Probeer het opnieuw.",
      failed: "Sorry, er ging iets mis.",
      oneMoment: "Een moment."),
    fillers: ["alsjeblieft {query}", "{query} alsjeblieft", "graag {query}"],
    carriers: [
      "AssistTurnIntent": "zet {query}", "AssistSwitchIntent": "doe {query}",
      "AssistSetIntent": "stel {query}", "AssistWhatIntent": "wat {query}",
      "AssistWhatsIntent": "welke {query}", "AssistHowIntent": "hoe {query}",
      "AssistIsIntent": "is {query}", "AssistAreIntent": "zijn {query}",
      "AssistOpenIntent": "open {query}", "AssistCloseIntent": "sluit {query}",
      "AssistLockIntent": "vergrendel {query}", "AssistUnlockIntent": "ontgrendel {query}",
      "AssistStartIntent": "start {query}", "AssistStopIntent": "stop {query}",
      "AssistActivateIntent": "activeer {query}", "AssistDimIntent": "dim {query}",
      "AssistPlayIntent": "speel {query}", "AssistPauseIntent": "pauzeer {query}",
    ])
}
