/// The three AWS regions Alexa sends Smart Home directives to, and what account linking
/// uses in each. Alexa calls a skill's function only in the region of the user's locale
/// ("Develop Smart Home Skills for Multiple Languages",
/// https://developer.amazon.com/docs/smarthome/develop-smart-home-skills-in-multiple-languages.html).
///
/// The account-linking client id is the host of the redirect Alexa sends the user back
/// to (`https://<host>/api/skill/link/<vendor id>`): Home Assistant accepts a redirect only
/// on its client id's scheme and host (IndieAuth, `components/auth/indieauth.py`), as its
/// own Alexa documentation lists them.
struct AlexaRegion: Sendable, Equatable {
  let awsRegion: String
  /// Who is served there, for messages.
  let served: String
  let linkingClientId: String

  static let all = [
    AlexaRegion(
      awsRegion: "us-east-1", served: "North America",
      linkingClientId: "https://pitangui.amazon.com/"),
    AlexaRegion(
      awsRegion: "eu-west-1", served: "Europe and India",
      linkingClientId: "https://layla.amazon.com/"),
    AlexaRegion(
      awsRegion: "us-west-2", served: "the Far East and Australia",
      linkingClientId: "https://alexa.amazon.co.jp/"),
  ]

  /// nil: Alexa never calls a function in `awsRegion`.
  static func serving(_ awsRegion: String) -> AlexaRegion? {
    all.first { $0.awsRegion == awsRegion }
  }

  /// "us-east-1 (North America), eu-west-1 (…), us-west-2 (…)".
  static var listing: String {
    all.map { "\($0.awsRegion) (\($0.served))" }.joined(separator: ", ")
  }

  /// The redirect Alexa uses for a skill of `vendorId` (a placeholder without one: Home
  /// Assistant checks only its scheme and host against the client id).
  func redirectURI(vendorId: String?) -> String {
    linkingClientId + "api/skill/link/" + (vendorId ?? "M0000000000000")
  }
}
