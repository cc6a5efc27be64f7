import JSONCore

/// An Alexa custom-skill request, read the way the skill needs it.
struct SkillRequest {
  let event: JSON

  var intentName: String? { event["request"]?["intent"]?["name"]?.string }
  /// `en-US`: Home Assistant's conversation API takes Alexa's locales as they are.
  var locale: String? { event["request"]?["locale"]?.string }
  /// The skill's own phrases and carriers: the locale's language, else English.
  var language: SkillLanguage { SkillLanguage.forLocale(locale) }
  var attributes: JSON { event["session"]?["attributes"] ?? [:] }

  /// The skill the request was sent to (session, else context: both carry it).
  var applicationId: String? {
    event["session"]?["application"]?["applicationId"]?.string
      ?? event["context"]?["System"]?["application"]?["applicationId"]?.string
  }

  var requestId: String? { event["request"]?["requestId"]?.string }
  /// Where Alexa's API is for this request, and the token for it (progressive responses).
  var apiEndpoint: String? { event["context"]?["System"]?["apiEndpoint"]?.string }
  var apiAccessToken: String? { event["context"]?["System"]?["apiAccessToken"]?.string }

  /// The Home Assistant token from account linking, if the user linked.
  var accessToken: String? {
    let token =
      event["context"]?["System"]?["user"]?["accessToken"]?.string
      ?? event["session"]?["user"]?["accessToken"]?.string
    return token?.isEmpty == false ? token : nil
  }

  /// The value of `slot`, if Alexa filled it.
  func slot(_ name: String) -> String? {
    let value = event["request"]?["intent"]?["slots"]?[name]?["value"]?.string
    return value?.isEmpty == false ? value : nil
  }
}
