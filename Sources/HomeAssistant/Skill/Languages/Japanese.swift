extension SkillLanguage {
  /// Japanese puts the verb last and writes no spaces: every carrier follows the slot and
  /// is joined to it directly ("{query}をつけて": 「キッチンの電気」+「をつけて」). The
  /// carrier includes its particle (を, の), so the slot is the thing named alone.
  static let japanese = SkillLanguage(
    code: "ja", locales: ["ja-JP"], invocationName: "ホームアシスタント",
    phrases: SkillPhrases(
      welcome: "ホームアシスタントです。何をしましょうか？",
      reprompt: "何をしましょうか？",
      help: "家でしたいことを言ってください。たとえば、キッチンの電気をつけて、や、リビングの温度を教えて、のように言えます。",
      goodbye: "終了します。",
      notUnderstood: "たとえば、キッチンの電気をつけて、と言ってみてください。",
      linkAccount: "まず、AlexaアプリでHome Assistantのアカウントをリンクしてください。",
      unreachable: "いまHome Assistantに接続できません。しばらくしてからもう一度お試しください。",
      tooSlow: "Home Assistantの応答に時間がかかっています。もう一度お試しください。",
      failed: "すみません、問題が発生しました。",
      oneMoment: "少々お待ちください。"),
    fillers: ["{query}ください", "{query}お願い"],
    carriers: [
      "AssistTurnIntent": "{query}をつけて", "AssistSwitchIntent": "{query}を消して",
      "AssistSetIntent": "{query}にして", "AssistWhatIntent": "{query}を教えて",
      "AssistWhatsIntent": "{query}は何度", "AssistHowIntent": "{query}はどう",
      "AssistIsIntent": "{query}ますか", "AssistAreIntent": "{query}ですか",
      "AssistOpenIntent": "{query}を開けて", "AssistCloseIntent": "{query}を閉めて",
      "AssistLockIntent": "{query}の鍵をかけて", "AssistUnlockIntent": "{query}の鍵を開けて",
      "AssistStartIntent": "{query}を始めて", "AssistStopIntent": "{query}を止めて",
      "AssistActivateIntent": "{query}を実行して", "AssistDimIntent": "{query}を暗くして",
      "AssistPlayIntent": "{query}を再生して", "AssistPauseIntent": "{query}を一時停止して",
    ])
}
