/// Why an upstream HTTP call failed, in the categories replies' errors are mapped from.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
  /// libcurl could not be loaded (missing libcurl.so.4).
  case unavailable(String)
  case dns(String)
  case connect(String)
  case tls(String)
  case timeout(String)
  /// The connection dropped or carried garbage.
  case transport(String)
  /// Not enough of the invocation's time is left to try.
  case budgetExhausted
  /// The circuit breaker for this upstream is open.
  case breakerOpen(String)

  public var description: String {
    switch self {
    case .unavailable(let why): "HTTP client unavailable: \(why)"
    case .dns(let why): "DNS failure: \(why)"
    case .connect(let why): "connection failed: \(why)"
    case .tls(let why): "TLS failure: \(why)"
    case .timeout(let why): "timed out: \(why)"
    case .transport(let why): "transport failure: \(why)"
    case .budgetExhausted: "no time left in the invocation's budget"
    case .breakerOpen(let upstream): "circuit breaker open for \(upstream)"
    }
  }

  public var isTimeout: Bool {
    if case .timeout = self { return true }
    return false
  }

  /// A failure before or while the connection carried the request: safe to retry when
  /// the request is idempotent.
  public var isConnectionLevel: Bool {
    switch self {
    case .connect, .transport, .dns: true
    default: false
    }
  }
}
