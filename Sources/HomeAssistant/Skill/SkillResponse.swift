import JSONCore

/// A custom-skill response: speech (SSML, escaped), an optional card and reprompt, and
/// whether the session stays open. Session attributes carry the conversation id.
struct SkillResponse {
  enum Card {
    case simple(title: String, content: String)
    /// Asks the user to link their Home Assistant account in the Alexa app.
    case linkAccount
  }

  var speech: String?
  var card: Card? = nil
  var reprompt: String? = nil
  var endsSession = true
  var attributes: JSON = [:]

  var json: JSON {
    var response = JSONObject()
    if let speech { response["outputSpeech"] = Self.ssml(speech) }
    switch card {
    case .simple(let title, let content)?:
      response["card"] = [
        "type": "Simple", "title": .string(title.limited(to: 120)),
        "content": .string(content.limited(to: 8000)),
      ]
    case .linkAccount?:
      response["card"] = ["type": "LinkAccount"]
    case nil:
      break
    }
    if let reprompt, !endsSession { response["reprompt"] = ["outputSpeech": Self.ssml(reprompt)] }
    response["shouldEndSession"] = .bool(endsSession)
    return [
      "version": "1.0", "sessionAttributes": attributes, "response": .object(response),
    ]
  }

  static func ssml(_ text: String) -> JSON { ["type": "SSML", "ssml": .string(speak(text))] }

  /// `text` as an SSML document.
  static func speak(_ text: String) -> String { "<speak>\(escaped(text))</speak>" }

  /// Text as SSML character data: Alexa rejects a reply whose SSML does not parse, so
  /// `&`, `<`, `>` and quotes from Home Assistant's speech must not reach it raw.
  static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(character)
      }
    }
    return out
  }
}
