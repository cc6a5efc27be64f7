import LambdaRuntime

/// Calls an upstream through its circuit breaker, with a timeout cut to fit the
/// invocation's deadline (less the safety margin), recording latency metrics.
public struct Upstream {
  public let name: String
  public let services: Services
  public let invocation: Invocation
  /// The upstream's own timeout, before the invocation's deadline caps it.
  public let configuredTimeoutMilliseconds: Int

  public init(
    name: String, services: Services, invocation: Invocation,
    configuredTimeoutMilliseconds: Int = 6500
  ) {
    self.name = name
    self.services = services
    self.invocation = invocation
    self.configuredTimeoutMilliseconds = configuredTimeoutMilliseconds
  }

  /// Milliseconds an upstream call may take: the configured timeout, capped by what is
  /// left before Lambda's deadline minus the margin kept for answering.
  public var timeoutMilliseconds: Int {
    let left = Int(invocation.remainingMilliseconds) - services.config.deadlineMarginMilliseconds
    return min(configuredTimeoutMilliseconds, left)
  }

  /// Sends through the breaker. Only an upstream that cannot answer counts as a failure:
  /// transport errors, timeouts, and 502/503/504 (a proxy in front of it without it). A
  /// 4xx or a 500 is the upstream answering (a home server may refuse a wrong code with
  /// 500), so a few wrong codes must not shut every user out for the cool-down.
  static let outageStatuses: Set<Int> = [502, 503, 504]

  /// `cap`: at most this long, for a call whose answer is only a refinement (the rest of
  /// the budget stays for the call that matters).
  public func send(_ request: HTTPRequest, cap: Int? = nil) throws(HTTPClientError)
    -> HTTPResponse
  {
    let breaker = services.breakers.breaker(for: name)
    guard breaker.permit() else {
      services.metrics.add(.breakerOpen)
      throw .breakerOpen(name)
    }
    services.metrics.add(.upstreamCalls)
    do {
      let response = try services.http.send(
        request, timeoutMilliseconds: min(timeoutMilliseconds, cap ?? .max))
      services.metrics.add(.upstreamLatency, response.milliseconds)
      if Self.outageStatuses.contains(response.status) {
        breaker.recordFailure()
      } else {
        breaker.recordSuccess()
      }
      return response
    } catch {
      if error != .budgetExhausted { breaker.recordFailure() }
      throw error
    }
  }
}
