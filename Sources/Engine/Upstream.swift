import LambdaRuntime

/// Calls an upstream through its circuit breaker, with a timeout cut to fit the
/// invocation's deadline (less the safety margin), recording latency metrics.
public struct Upstream {
  public let name: String
  public let services: Services
  public let invocation: Invocation

  public init(name: String, services: Services, invocation: Invocation) {
    self.name = name
    self.services = services
    self.invocation = invocation
  }

  /// Milliseconds an upstream call may take: the configured timeout, capped by what is
  /// left before Lambda's deadline minus the margin kept for answering.
  public var timeoutMilliseconds: Int {
    let configured = Int(services.config.homeAssistantTimeoutSeconds * 1000)
    let left = Int(invocation.remainingMilliseconds) - services.config.deadlineMarginMilliseconds
    return min(configured, left)
  }

  /// Sends through the breaker. Only an upstream that cannot answer counts as a failure:
  /// transport errors, timeouts, and 502/503/504 (a proxy in front of it without it). A
  /// 4xx or a 500 is the upstream answering (Home Assistant refuses a wrong alarm code
  /// with 500), so five wrong codes must not shut every user out for the cool-down.
  static let outageStatuses: Set<Int> = [502, 503, 504]

  public func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
    let breaker = services.breakers.breaker(for: name)
    guard breaker.permit() else {
      services.metrics.add(.breakerOpen)
      throw .breakerOpen(name)
    }
    services.metrics.add(.upstreamCalls)
    do {
      let response = try services.http.send(request, timeoutMilliseconds: timeoutMilliseconds)
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
