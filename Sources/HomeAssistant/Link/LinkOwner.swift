import Engine
import JSONCore
import LambdaRuntime

/// Who may use the skill in link mode. Account linking then goes to Login with Amazon
/// (scope `profile:user_id`), not to Home Assistant, so Alexa's token for an event names
/// an Amazon account: the function asks Login with Amazon whose it is and forwards the
/// event only for the owner's (`LINK_OWNER_ID`). Nothing reaches the home for anyone else,
/// and no Home Assistant credential is kept in AWS.
///
/// developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html: `GET
/// https://api.amazon.com/user/profile` with `Authorization: bearer <token>` answers
/// `{"user_id": "amzn1.account.…"}`; an invalid or expired token is refused with 400/401.
struct LinkOwner {
  let owners: [String]
  let profileURL: String

  static let defaultProfileURL = "https://api.amazon.com/user/profile"
  /// A token's owner is remembered this long: an Alexa access token lives an hour, and an
  /// owner removed from `LINK_OWNER_ID` takes effect at the next cold start anyway.
  static let rememberSeconds = 600.0

  /// Throws `AlexaFailure(.invalidAuthorizationCredential)` for an event without a token,
  /// with a token Login with Amazon refuses, or of someone else's account.
  func authorize(_ context: EventContext, _ gateway: Gateway) throws {
    guard let token = Self.token(in: context.event) else {
      throw AlexaFailure(
        type: .invalidAuthorizationCredential, message: "the event carries no linked token")
    }
    let user = try userId(token, gateway.services, context.invocation)
    guard owners.contains(user) else {
      gateway.services.logging.warn(
        "refused an event of Amazon account \(user): not in LINK_OWNER_ID")
      throw AlexaFailure(
        type: .invalidAuthorizationCredential, message: "this account may not use this skill")
    }
  }

  /// The Amazon account `token` belongs to, remembered by the token's hash (never by the
  /// token itself).
  private func userId(_ token: String, _ services: Services, _ invocation: Invocation) throws
    -> String
  {
    let key = "link-owner:" + SHA256.hex(SHA256.hash(Array(token.utf8)))
    if let known: String = services.cache.value(for: key) { return known }
    let upstream = Upstream(
      name: "login-with-amazon", services: services, invocation: invocation,
      configuredTimeoutMilliseconds: 2000)
    let response = try upstream.send(
      HTTPRequest(
        url: profileURL,
        headers: [("Authorization", "bearer " + token), ("Accept", "application/json")]))
    guard response.status == 200 else {
      if response.status == 400 || response.status == 401 || response.status == 403 {
        throw AlexaFailure(
          type: .invalidAuthorizationCredential,
          message: "Login with Amazon refused the linked token (\(response.status))")
      }
      throw AlexaFailure(
        type: .internalError,
        message: "Login with Amazon answered \(response.status) for the account's profile")
    }
    guard let user = (try? JSONParser.parse(response.body))?["user_id"]?.string, !user.isEmpty
    else {
      throw AlexaFailure(type: .internalError, message: "Login with Amazon sent no user_id")
    }
    services.cache.set(
      user, for: key, bytes: key.utf8.count + user.utf8.count,
      ttlSeconds: Self.rememberSeconds)
    return user
  }

  /// The linked token of a directive (its scope) or of a skill request (its user).
  static func token(in event: JSON) -> String? {
    AccessToken.fromEvent(event) ?? SkillRequest(event: event).accessToken
  }
}
