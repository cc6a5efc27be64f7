/// What can go wrong talking to the Runtime API.
public enum RuntimeClientError: Error, Sendable, CustomStringConvertible {
  /// `AWS_LAMBDA_RUNTIME_API` is missing or not `host:port`.
  case badEndpoint(String)
  /// The connection failed, dropped, or carried bytes that are not HTTP.
  case transport(String)
  /// The Runtime API answered with a status the call does not expect.
  case status(Int, String)
  /// A `next` reply that cannot be an invocation (no request id).
  case malformedInvocation(String)

  public var description: String {
    switch self {
    case .badEndpoint(let why): "bad AWS_LAMBDA_RUNTIME_API: \(why)"
    case .transport(let why): "Runtime API unreachable: \(why)"
    case .status(let code, let body): "Runtime API answered \(code): \(body)"
    case .malformedInvocation(let why): "malformed invocation: \(why)"
    }
  }

  /// Worth retrying: the Runtime API may be restarting or briefly overloaded.
  public var isTransient: Bool {
    switch self {
    case .transport: true
    case .status(let code, _): code >= 500
    case .badEndpoint, .malformedInvocation: false
    }
  }
}
