/// What the skill says itself in one language (everything else it says is Assist's
/// speech). Spoken, so short; written as a native speaker says them.
struct SkillPhrases: Sendable {
  let welcome: String
  let reprompt: String
  let help: String
  let goodbye: String
  /// Said after Assist's own "I don't understand", with an example to copy.
  let notUnderstood: String
  let linkAccount: String
  let unreachable: String
  let tooSlow: String
  let failed: String
  /// The progressive response while Assist is still thinking.
  let oneMoment: String
}
