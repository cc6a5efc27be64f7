extension SkillLanguage {
  /// Hindi is verb-last: most carriers follow the slot ("{query} चालू करो": "किचन की
  /// लाइट" + "चालू करो"), while a yes/no question opens with क्या. Written in Devanagari,
  /// which Alexa's Hindi recognition writes; English device words stay as users say them.
  static let hindi = SkillLanguage(
    code: "hi", locales: ["hi-IN"], invocationName: "होम असिस्टेंट",
    phrases: SkillPhrases(
      welcome: "होम असिस्टेंट सुन रहा है। आप क्या करना चाहेंगे?",
      reprompt: "आप क्या करना चाहेंगे?",
      help: "बताइए घर में क्या करना है, जैसे: किचन की लाइट चालू करो, या: लिविंग रूम का तापमान क्या है?",
      goodbye: "फिर मिलेंगे।",
      notUnderstood: "आप कह सकते हैं, जैसे: किचन की लाइट चालू करो।",
      linkAccount: "पहले Alexa ऐप में अपना होम असिस्टेंट अकाउंट लिंक करें।",
      unreachable: "अभी आपके होम असिस्टेंट से जुड़ नहीं पा रही हूँ। कृपया बाद में फिर कोशिश करें।",
      tooSlow: "होम असिस्टेंट जवाब देने में बहुत समय ले रहा है। कृपया फिर से कोशिश करें।",
      failed: "माफ़ कीजिए, कुछ गड़बड़ हो गई।",
      oneMoment: "एक पल रुकिए।"),
    fillers: ["कृपया {query}", "{query} प्लीज़"],
    carriers: [
      "AssistTurnIntent": "{query} चालू करो", "AssistSwitchIntent": "{query} बंद करो",
      "AssistSetIntent": "{query} सेट करो", "AssistWhatIntent": "{query} क्या है",
      "AssistWhatsIntent": "{query} कितना है", "AssistHowIntent": "{query} कैसा है",
      "AssistIsIntent": "क्या {query}", "AssistAreIntent": "{query} बताओ",
      "AssistOpenIntent": "{query} खोलो", "AssistCloseIntent": "{query} बंद कर दो",
      "AssistLockIntent": "{query} लॉक करो", "AssistUnlockIntent": "{query} अनलॉक करो",
      "AssistStartIntent": "{query} शुरू करो", "AssistStopIntent": "{query} रोको",
      "AssistActivateIntent": "{query} एक्टिवेट करो", "AssistDimIntent": "{query} धीमी करो",
      "AssistPlayIntent": "{query} बजाओ", "AssistPauseIntent": "{query} रोक दो",
    ])
}
