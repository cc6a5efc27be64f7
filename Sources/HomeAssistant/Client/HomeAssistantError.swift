import Engine

/// Why a Home Assistant call failed, in the terms Alexa's errors are chosen from.
public enum HomeAssistantError: Error, Sendable, CustomStringConvertible {
  /// `HOME_ASSISTANT_URL` is not set.
  case notConfigured
  /// No token in the request, and no opt-in to use the owner's (ALLOW_OWNER_TOKEN_FALLBACK).
  case noToken
  /// A token with spaces or control characters: never put into a header.
  case malformedToken
  /// Home Assistant answered 401 or 403: the token is wrong or expired.
  case unauthorized(status: Int)
  case notFound(String)
  /// Home Assistant answered with this status; its body is logged at debug level only,
  /// never copied into a reply (it may hold a token or the owner's data).
  case badStatus(Int)
  /// The token's Parameter Store read failed.
  case parameterStore(ParameterStore.Failure)
  case malformed(String)
  case unreachable(HTTPClientError)

  public var description: String {
    switch self {
    case .notConfigured: "HOME_ASSISTANT_URL is not set"
    case .noToken:
      "no access token in the request: link the account (ALLOW_OWNER_TOKEN_FALLBACK=true lets direct invokes use HOME_ASSISTANT_TOKEN)"
    case .malformedToken: "the access token contains spaces or control characters"
    case .unauthorized(let status): "Home Assistant refused the token (\(status))"
    case .notFound(let what): "Home Assistant has no \(what)"
    case .badStatus(let status): "Home Assistant answered \(status)"
    case .parameterStore(let failure): "the token could not be read: \(failure)"
    case .malformed(let why): "unexpected reply from Home Assistant: \(why)"
    case .unreachable(let error): "Home Assistant is unreachable: \(error)"
    }
  }
}
