import JSONCore

/// The skill's permission to send events for this home: Login with Amazon's tokens from
/// AcceptGrant, kept as the SecureString `PARAMETER_PREFIX/ALEXA_GRANT` so a cold start
/// (or another instance) finds them. `revoked` says why Alexa stopped taking events.
struct AlexaGrant: Sendable, Equatable {
  var refreshToken: String
  var accessToken: String
  /// Unix seconds.
  var expiresAt: Int64
  var revoked: String? = nil

  /// Refreshed this long before it expires, so no event leaves with a dying token.
  static let refreshMarginSeconds: Int64 = 300

  func isFresh(at now: Int64) -> Bool { now + Self.refreshMarginSeconds < expiresAt }

  var json: JSON {
    var object = JSONObject([
      ("refreshToken", .string(refreshToken)), ("accessToken", .string(accessToken)),
      ("expiresAt", .number(Double(expiresAt))),
    ])
    if let revoked { object["revoked"] = .string(revoked) }
    return .object(object)
  }

  init(refreshToken: String, accessToken: String, expiresAt: Int64, revoked: String? = nil) {
    self.refreshToken = refreshToken
    self.accessToken = accessToken
    self.expiresAt = expiresAt
    self.revoked = revoked
  }

  /// The stored form; nil for anything else (a hand-edited or truncated parameter).
  init?(_ text: String) {
    guard let stored = try? JSONParser.parse(text),
      let refreshToken = stored["refreshToken"]?.string, !refreshToken.isEmpty,
      let accessToken = stored["accessToken"]?.string,
      let expiresAt = stored["expiresAt"]?.int
    else { return nil }
    self.init(
      refreshToken: refreshToken, accessToken: accessToken, expiresAt: Int64(expiresAt),
      revoked: stored["revoked"]?.string)
  }
}
