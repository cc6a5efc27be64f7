import JSONCore

/// One circuit breaker per upstream, all with the configured threshold and cool-down.
public final class CircuitBreakers {
  public let failureThreshold: Int
  public let cooldownSeconds: Double
  private var breakers: [String: CircuitBreaker] = [:]

  public init(failureThreshold: Int, cooldownSeconds: Double) {
    self.failureThreshold = failureThreshold
    self.cooldownSeconds = cooldownSeconds
  }

  public func breaker(for upstream: String) -> CircuitBreaker {
    if let existing = breakers[upstream] { return existing }
    let breaker = CircuitBreaker(
      name: upstream, failureThreshold: failureThreshold, cooldownSeconds: cooldownSeconds)
    breakers[upstream] = breaker
    return breaker
  }

  /// State and counters of every breaker, for health and diagnostics.
  public var report: JSON {
    .object(
      JSONObject(
        breakers.keys.sorted().map { name in
          let breaker = breakers[name]!
          return (
            name,
            [
              "state": .string(breaker.state.rawValue),
              "consecutiveFailures": JSON(breaker.consecutiveFailures),
              "opens": JSON(breaker.opens), "refusals": JSON(breaker.refusals),
              "retryAfterSeconds": .number(breaker.retryAfterSeconds),
            ]
          )
        }))
  }
}
