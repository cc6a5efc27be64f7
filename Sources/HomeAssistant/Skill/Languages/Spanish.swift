extension SkillLanguage {
  /// One table for Spain, Mexico and the US: words all three say alike ("tú", "cocina").
  static let spanish = SkillLanguage(
    code: "es", locales: ["es-ES", "es-MX", "es-US"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant te escucha. ¿Qué quieres hacer?",
      reprompt: "¿Qué quieres hacer?",
      help:
        "Dime qué hacer en tu casa, por ejemplo: enciende la luz de la cocina, o: qué temperatura hace en la cocina.",
      goodbye: "Adiós.",
      notUnderstood: "Puedes decir, por ejemplo: enciende la luz de la cocina.",
      linkAccount: "Primero vincula tu cuenta de Home Assistant en la app de Alexa.",
      unreachable:
        "En este momento no puedo conectarme con tu Home Assistant. Inténtalo más tarde.",
      tooSlow: "Home Assistant está tardando demasiado en responder. Inténtalo de nuevo.",
      failed: "Lo siento, algo salió mal.",
      oneMoment: "Un momento."),
    fillers: ["por favor {query}", "{query} por favor"],
    carriers: [
      "AssistTurnIntent": "enciende {query}", "AssistSwitchIntent": "apaga {query}",
      "AssistSetIntent": "pon {query}", "AssistWhatIntent": "qué {query}",
      "AssistWhatsIntent": "cuál es {query}", "AssistHowIntent": "cómo {query}",
      "AssistIsIntent": "está {query}", "AssistAreIntent": "están {query}",
      "AssistOpenIntent": "abre {query}", "AssistCloseIntent": "cierra {query}",
      "AssistLockIntent": "bloquea {query}", "AssistUnlockIntent": "desbloquea {query}",
      "AssistStartIntent": "inicia {query}", "AssistStopIntent": "detén {query}",
      "AssistActivateIntent": "activa {query}", "AssistDimIntent": "baja {query}",
      "AssistPlayIntent": "reproduce {query}", "AssistPauseIntent": "pausa {query}",
    ])
}
