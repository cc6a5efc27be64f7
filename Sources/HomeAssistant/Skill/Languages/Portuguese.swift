extension SkillLanguage {
  /// Brazilian Portuguese (Alexa's only Portuguese): "você", and the everyday imperative
  /// ("liga a luz"), which Assist understands as well as "ligue".
  static let portuguese = SkillLanguage(
    code: "pt", locales: ["pt-BR"], invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "O Home Assistant está ouvindo. O que você quer fazer?",
      reprompt: "O que você quer fazer?",
      help:
        "Diga o que fazer na sua casa, por exemplo: liga a luz da cozinha, ou: qual é a temperatura da sala?",
      goodbye: "Tchau.",
      notUnderstood: "Você pode dizer, por exemplo: liga a luz da cozinha.",
      linkAccount: "Primeiro, vincule sua conta do Home Assistant no app Alexa.",
      unreachable:
        "Não consigo falar com o seu Home Assistant agora. Tente de novo mais tarde.",
      tooSlow: "O Home Assistant está demorando demais para responder. Tente de novo.",
      failed: "Desculpe, algo deu errado.",
      oneMoment: "Só um momento."),
    fillers: ["por favor {query}", "{query} por favor"],
    carriers: [
      "AssistTurnIntent": "liga {query}", "AssistSwitchIntent": "desliga {query}",
      "AssistSetIntent": "coloca {query}", "AssistWhatIntent": "qual é {query}",
      "AssistWhatsIntent": "quantos {query}", "AssistHowIntent": "como {query}",
      "AssistIsIntent": "está {query}", "AssistAreIntent": "estão {query}",
      "AssistOpenIntent": "abre {query}", "AssistCloseIntent": "fecha {query}",
      "AssistLockIntent": "tranca {query}", "AssistUnlockIntent": "destranca {query}",
      "AssistStartIntent": "inicia {query}", "AssistStopIntent": "para {query}",
      "AssistActivateIntent": "ativa {query}", "AssistDimIntent": "diminui {query}",
      "AssistPlayIntent": "toca {query}", "AssistPauseIntent": "pausa {query}",
    ])
}
