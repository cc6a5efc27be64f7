extension SkillLanguage {
  /// Alexa says "vous" to the user in French; users give Alexa orders with "tu".
  static let french = SkillLanguage(
    code: "fr", locales: ["fr-CA", "fr-FR"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant vous écoute. Que voulez-vous faire ?",
      reprompt: "Que voulez-vous faire ?",
      help:
        "Dites-moi ce qu'il faut faire dans la maison, par exemple : allume la lumière de la cuisine, ou : quelle est la température du salon ?",
      goodbye: "Au revoir.",
      notUnderstood: "Vous pouvez dire par exemple : allume la lumière de la cuisine.",
      linkAccount: "Associez d'abord votre compte Home Assistant dans l'application Alexa.",
      unreachable:
        "Je n'arrive pas à joindre votre Home Assistant pour le moment. Réessayez plus tard.",
      tooSlow: "Home Assistant met trop de temps à répondre. Veuillez réessayer.",
      failed: "Désolée, un problème est survenu.",
      oneMoment: "Un instant."),
    fillers: [
      "s'il te plaît {query}", "{query} s'il te plaît", "s'il vous plaît {query}",
      "{query} s'il vous plaît",
    ],
    carriers: [
      "AssistTurnIntent": "allume {query}", "AssistSwitchIntent": "éteins {query}",
      "AssistSetIntent": "règle {query}", "AssistWhatIntent": "quelle est {query}",
      "AssistWhatsIntent": "quel est {query}", "AssistHowIntent": "combien {query}",
      "AssistIsIntent": "est-ce que {query}", "AssistAreIntent": "quels sont {query}",
      "AssistOpenIntent": "ouvre {query}", "AssistCloseIntent": "ferme {query}",
      "AssistLockIntent": "verrouille {query}", "AssistUnlockIntent": "déverrouille {query}",
      "AssistStartIntent": "démarre {query}", "AssistStopIntent": "arrête {query}",
      "AssistActivateIntent": "active {query}", "AssistDimIntent": "baisse {query}",
      "AssistPlayIntent": "joue {query}", "AssistPauseIntent": "mets en pause {query}",
    ])
}
