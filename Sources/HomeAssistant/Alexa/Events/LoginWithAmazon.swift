import Engine
import JSONCore
import LambdaRuntime

/// Login with Amazon's token endpoint: AcceptGrant's code for the first tokens, the
/// refresh token for each new access token. Form-encoded, with the skill's client id and
/// secret in the body, as Amazon documents for Alexa event grants.
struct LoginWithAmazon {
  enum Failure: Error, CustomStringConvertible {
    case unreachable(HTTPClientError)
    /// Amazon's `error` field (`invalid_grant`: the code or refresh token is no longer
    /// valid) and its status.
    case refused(status: Int, error: String)
    case malformed

    var description: String {
      switch self {
      case .unreachable(let error): "Login with Amazon unreachable: \(error)"
      case .refused(let status, let error): "Login with Amazon refused (\(status) \(error))"
      case .malformed: "Login with Amazon answered without tokens"
      }
    }

    var isInvalidGrant: Bool {
      if case .refused(_, let error) = self { return error == "invalid_grant" }
      return false
    }
  }

  let url: String
  let clientId: String
  let clientSecret: String
  let http: HTTPClient

  func exchange(code: String, timeoutMilliseconds: Int) throws(Failure) -> AlexaGrant {
    try tokens(
      [("grant_type", "authorization_code"), ("code", code)], keeping: nil,
      timeoutMilliseconds: timeoutMilliseconds)
  }

  func refresh(_ grant: AlexaGrant, timeoutMilliseconds: Int) throws(Failure) -> AlexaGrant {
    try tokens(
      [("grant_type", "refresh_token"), ("refresh_token", grant.refreshToken)],
      keeping: grant.refreshToken, timeoutMilliseconds: timeoutMilliseconds)
  }

  /// Whether Amazon accepts the client id and secret themselves: a token for the skill
  /// messaging scope (`client_credentials`), which needs no grant. The doctor's check.
  func checkCredentials(timeoutMilliseconds: Int) throws(Failure) {
    let reply = try post(
      [("grant_type", "client_credentials"), ("scope", "alexa:skill_messaging")],
      timeoutMilliseconds: timeoutMilliseconds)
    guard reply["access_token"]?.string?.isEmpty == false else { throw .malformed }
  }

  /// Amazon may answer a refresh without a new refresh token: the old one stays.
  private func tokens(
    _ fields: [(String, String)], keeping refreshToken: String?, timeoutMilliseconds: Int
  ) throws(Failure) -> AlexaGrant {
    let reply = try post(fields, timeoutMilliseconds: timeoutMilliseconds)
    guard let access = reply["access_token"]?.string, !access.isEmpty,
      let refresh = reply["refresh_token"]?.string ?? refreshToken, !refresh.isEmpty,
      let lifetime = reply["expires_in"]?.int, (1...86_400 * 365).contains(lifetime)
    else { throw .malformed }
    return AlexaGrant(
      refreshToken: refresh, accessToken: access,
      expiresAt: Clock.wallMilliseconds() / 1000 + Int64(lifetime))
  }

  /// The token endpoint's JSON answer to `fields` with the client's id and secret.
  private func post(_ fields: [(String, String)], timeoutMilliseconds: Int) throws(Failure)
    -> JSON
  {
    let form = (fields + [("client_id", clientId), ("client_secret", clientSecret)])
      .map { "\($0.0)=\(AWSSigning.percentEncoded($0.1))" }.joined(separator: "&")
    let request = HTTPRequest(
      method: "POST", url: url,
      headers: [("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")],
      body: Array(form.utf8))
    let response: HTTPResponse
    do {
      response = try http.send(request, timeoutMilliseconds: timeoutMilliseconds)
    } catch {
      throw .unreachable(error)
    }
    let reply = try? JSONParser.parse(response.body)
    guard response.status == 200 else {
      throw .refused(status: response.status, error: reply?["error"]?.string ?? "no error code")
    }
    guard let reply else { throw .malformed }
    return reply
  }
}
