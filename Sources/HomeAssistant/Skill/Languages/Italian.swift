extension SkillLanguage {
  static let italian = SkillLanguage(
    code: "it", locales: ["it-IT"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant ti ascolta. Cosa vuoi fare?",
      reprompt: "Cosa vuoi fare?",
      help:
        "Dimmi cosa fare in casa, per esempio: accendi la luce della cucina, oppure: qual è la temperatura in soggiorno?",
      goodbye: "A presto.",
      notUnderstood: "Puoi dire, per esempio: accendi la luce della cucina.",
      linkAccount: "Prima collega il tuo account Home Assistant nell'app Alexa.",
      unreachable:
        "Al momento non riesco a raggiungere il tuo Home Assistant. Riprova più tardi.",
      tooSlow: "Home Assistant ci sta mettendo troppo a rispondere. Riprova.",
      failed: "Scusa, qualcosa è andato storto.",
      oneMoment: "Un attimo."),
    fillers: ["per favore {query}", "{query} per favore"],
    carriers: [
      "AssistTurnIntent": "accendi {query}", "AssistSwitchIntent": "spegni {query}",
      "AssistSetIntent": "imposta {query}", "AssistWhatIntent": "qual è {query}",
      "AssistWhatsIntent": "quanti {query}", "AssistHowIntent": "com'è {query}",
      "AssistIsIntent": "è {query}", "AssistAreIntent": "sono {query}",
      "AssistOpenIntent": "apri {query}", "AssistCloseIntent": "chiudi {query}",
      "AssistLockIntent": "blocca {query}", "AssistUnlockIntent": "sblocca {query}",
      "AssistStartIntent": "avvia {query}", "AssistStopIntent": "ferma {query}",
      "AssistActivateIntent": "attiva {query}", "AssistDimIntent": "abbassa {query}",
      "AssistPlayIntent": "riproduci {query}", "AssistPauseIntent": "metti in pausa {query}",
    ])
}
