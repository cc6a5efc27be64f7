/// What the skill says itself, per language (the request's locale, `de-DE` → `de`);
/// English where a language is missing. Everything else it says is Assist's speech.
struct SkillPhrases {
  let welcome: String
  let reprompt: String
  let help: String
  let goodbye: String
  let notUnderstood: String
  let linkAccount: String
  let unreachable: String
  let tooSlow: String
  let failed: String

  static let english = SkillPhrases(
    welcome: "Home Assistant is listening. What would you like to do?",
    reprompt: "What would you like to do?",
    help:
      "Tell me what to do in your home, for example: turn on the kitchen lights, or: what is the temperature in the living room?",
    goodbye: "Goodbye.",
    notUnderstood: "You can say, for example: turn on the kitchen lights.",
    linkAccount: "Please link your Home Assistant account in the Alexa app first.",
    unreachable: "I can't reach your Home Assistant right now. Please try again later.",
    tooSlow: "Home Assistant is taking too long to answer. Please try again.",
    failed: "Sorry, something went wrong.")

  static let byLanguage: [String: SkillPhrases] = [
    "en": english,
    "de": SkillPhrases(
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
      failed: "Entschuldigung, da ist etwas schiefgegangen."),
  ]

  static func forLanguage(_ language: String?) -> SkillPhrases {
    language.flatMap { byLanguage[$0] } ?? english
  }
}
