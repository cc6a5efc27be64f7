extension SkillLanguage {
  /// Arabic as Alexa's Saudi locale hears it: Modern Standard verbs that Gulf speakers
  /// use too ("شغل", "اطفئ"), the carrier before the slot, spelt as Home Assistant's own
  /// Arabic sentences spell them (no vowel marks, no hamza on a leading alif), so Assist
  /// matches the rebuilt sentence.
  static let arabic = SkillLanguage(
    code: "ar", locales: ["ar-SA"], invocationName: "هوم أسيستنت",
    phrases: SkillPhrases(
      welcome: "هوم أسيستنت يسمعك. ماذا تريد أن تفعل؟",
      reprompt: "ماذا تريد أن تفعل؟",
      help: "قل لي ماذا تريد في منزلك، مثلاً: شغل نور المطبخ، أو: كم درجة الحرارة في الصالة؟",
      goodbye: "مع السلامة.",
      notUnderstood: "يمكنك أن تقول مثلاً: شغل نور المطبخ.",
      linkAccount: "يرجى أولاً ربط حساب هوم أسيستنت في تطبيق Alexa.",
      unreachable: "لا أستطيع الوصول إلى هوم أسيستنت الآن. حاول مرة أخرى لاحقاً.",
      tooSlow: "هوم أسيستنت يتأخر في الرد. حاول مرة أخرى.",
      failed: "عذراً، حدث خطأ ما.",
      oneMoment: "لحظة من فضلك."),
    fillers: ["لو سمحت {query}", "{query} لو سمحت", "من فضلك {query}"],
    carriers: [
      "AssistTurnIntent": "شغل {query}", "AssistSwitchIntent": "اطفئ {query}",
      "AssistSetIntent": "اضبط {query}", "AssistWhatIntent": "ما هي {query}",
      "AssistWhatsIntent": "كم {query}", "AssistHowIntent": "كيف {query}",
      "AssistIsIntent": "هل {query}", "AssistAreIntent": "ما هو {query}",
      "AssistOpenIntent": "افتح {query}", "AssistCloseIntent": "اغلق {query}",
      "AssistLockIntent": "اقفل {query}", "AssistUnlockIntent": "افتح قفل {query}",
      "AssistStartIntent": "ابدأ {query}", "AssistStopIntent": "اوقف {query}",
      "AssistActivateIntent": "فعل {query}", "AssistDimIntent": "خفف {query}",
      "AssistPlayIntent": "ابدأ تشغيل {query}", "AssistPauseIntent": "اوقف مؤقتا {query}",
    ])
}
