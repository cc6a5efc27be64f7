extension SkillLanguage {
  static let english = SkillLanguage(
    code: "en", locales: ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"],
    invocationName: "home assistant",
    phrases: SkillPhrases(
      welcome: "Home Assistant is listening. What would you like to do?",
      reprompt: "What would you like to do?",
      help:
        "Tell me what to do in your home, for example: turn on the kitchen lights, or: what is the temperature in the living room?",
      goodbye: "Goodbye.",
      notUnderstood: "You can say, for example: turn on the kitchen lights.",
      linkAccount: "Please link your Home Assistant account in the Alexa app first.",
      unreachable: "I can't reach your Home Assistant right now. Please try again later.",
      tooSlow: "Home Assistant is taking too long to answer. Please try again.",
      failed: "Sorry, something went wrong.",
      oneMoment: "One moment."),
    fillers: [
      "please {query}", "to {query}", "could you {query}", "can you {query}", "I want to {query}",
      "I would like to {query}", "{query} please",
    ],
    carriers: [
      "AssistTurnIntent": "turn {query}", "AssistSwitchIntent": "switch {query}",
      "AssistSetIntent": "set {query}", "AssistWhatIntent": "what {query}",
      "AssistWhatsIntent": "what's {query}", "AssistHowIntent": "how {query}",
      "AssistIsIntent": "is {query}", "AssistAreIntent": "are {query}",
      "AssistOpenIntent": "open {query}", "AssistCloseIntent": "close {query}",
      "AssistLockIntent": "lock {query}", "AssistUnlockIntent": "unlock {query}",
      "AssistStartIntent": "start {query}", "AssistStopIntent": "stop {query}",
      "AssistActivateIntent": "activate {query}", "AssistDimIntent": "dim {query}",
      "AssistPlayIntent": "play {query}", "AssistPauseIntent": "pause {query}",
    ])
}
