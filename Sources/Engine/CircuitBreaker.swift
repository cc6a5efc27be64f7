import LambdaRuntime

/// Stops calling an upstream that keeps failing, so callers get a fast, clear error.
///
/// Closed: calls pass; `failureThreshold` consecutive failures open it. Open: calls are
/// refused until `cooldown` has passed, then one probe is let through (half-open); its
/// success closes the breaker, its failure opens it again. What counts as a fault is the
/// caller's choice (see `Upstream`: only an upstream that cannot answer).
public final class CircuitBreaker {
  public enum State: String, Sendable { case closed, open, halfOpen }

  public let name: String
  public let failureThreshold: Int
  public let cooldownNanoseconds: UInt64
  private let now: @Sendable () -> UInt64
  public private(set) var state = State.closed
  public private(set) var consecutiveFailures = 0
  public private(set) var opens = 0
  public private(set) var refusals = 0
  private var openedAt: UInt64 = 0
  private var probeInFlight = false

  public init(
    name: String, failureThreshold: Int = 5, cooldownSeconds: Double = 30,
    now: @escaping @Sendable () -> UInt64 = Clock.monotonicNanoseconds
  ) {
    self.name = name
    self.failureThreshold = max(1, failureThreshold)
    cooldownNanoseconds = UInt64(max(0, cooldownSeconds) * 1e9)
    self.now = now
  }

  /// Whether a call may go out now; an open breaker past its cool-down admits one probe.
  public func permit() -> Bool {
    switch state {
    case .closed:
      return true
    case .open:
      guard now() - openedAt >= cooldownNanoseconds else {
        refusals += 1
        return false
      }
      state = .halfOpen
      probeInFlight = true
      return true
    case .halfOpen:
      guard !probeInFlight else {
        refusals += 1
        return false
      }
      probeInFlight = true
      return true
    }
  }

  public func recordSuccess() {
    state = .closed
    consecutiveFailures = 0
    probeInFlight = false
  }

  public func recordFailure() {
    consecutiveFailures += 1
    probeInFlight = false
    if state == .halfOpen || consecutiveFailures >= failureThreshold {
      if state != .open { opens += 1 }
      state = .open
      openedAt = now()
    }
  }

  /// Seconds until an open breaker admits its probe (0 when not open).
  public var retryAfterSeconds: Double {
    guard state == .open else { return 0 }
    let elapsed = now() - openedAt
    return elapsed >= cooldownNanoseconds ? 0 : Double(cooldownNanoseconds - elapsed) / 1e9
  }
}
