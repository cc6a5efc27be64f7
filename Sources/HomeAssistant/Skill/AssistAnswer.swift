import Engine
import JSONCore

/// Home Assistant's answer to `POST /api/conversation/process`.
struct AssistAnswer {
  let speech: String
  let conversationId: String?
  /// `no_intent_match`, `no_valid_targets`, … when Assist did not act.
  let errorCode: String?
  /// Whether Assist expects a reply: it says so (`continue_conversation`, newer agents),
  /// or it asked a question.
  let asksQuestion: Bool

  init(_ json: JSON) {
    let response = json["response"]
    let speech = response?["speech"]
    let plain = speech?["plain"]?["speech"]?.string
    let ssml = speech?["ssml"]?["speech"]?.string.map(Self.withoutTags)
    self.speech = (plain ?? ssml ?? "").trimmingWhitespace()
    conversationId = json["conversation_id"]?.string
    errorCode =
      response?["response_type"]?.string == "error"
      ? (response?["data"]?["code"]?.string ?? "unknown") : nil
    asksQuestion =
      json["continue_conversation"]?.bool == true || self.speech.hasSuffix("?")
  }

  /// SSML from an agent is spoken as text here (the reply escapes it), so its markup goes.
  static func withoutTags(_ ssml: String) -> String {
    var text = ""
    var inTag = false
    for character in ssml {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text
  }
}
