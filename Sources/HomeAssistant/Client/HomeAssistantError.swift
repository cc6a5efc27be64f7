import Engine

/// Why a Home Assistant call failed, in the terms Alexa's errors are chosen from.
public enum HomeAssistantError: Error, Sendable, CustomStringConvertible {
  /// `HOME_ASSISTANT_URL` is not set.
  case notConfigured
  /// No token in the directive and none configured.
  case noToken
  /// Home Assistant answered 401 or 403: the token is wrong or expired.
  case unauthorized(status: Int)
  case notFound(String)
  case badStatus(Int, String)
  case malformed(String)
  case unreachable(HTTPClientError)

  public var description: String {
    switch self {
    case .notConfigured: "HOME_ASSISTANT_URL is not set"
    case .noToken: "no access token: link the account, or set HOME_ASSISTANT_TOKEN"
    case .unauthorized(let status): "Home Assistant refused the token (\(status))"
    case .notFound(let what): "Home Assistant has no \(what)"
    case .badStatus(let status, let body): "Home Assistant answered \(status): \(body)"
    case .malformed(let why): "unexpected reply from Home Assistant: \(why)"
    case .unreachable(let error): "Home Assistant is unreachable: \(error)"
    }
  }
}
