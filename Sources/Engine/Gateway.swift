import JSONCore
import LambdaRuntime

/// The single entry point for every event: classify, look up the route in the fast-path
/// table, call its handler with the lazily built services.
///
/// Owned by the runtime loop's thread; handlers run one at a time.
public final class Gateway {
  public typealias HealthCheck = (Gateway, Invocation) -> (ok: Bool, details: JSON)
  /// Work a scheduled warm-up does for an extension (e.g. open its upstream connection);
  /// its result appears in the warm-up's reply under the hook's name.
  public typealias WarmUp = (Gateway, Invocation) -> JSON

  public let services: Services
  /// The environment the gateway was built from: extensions read their settings here.
  public let environment: [String: String]
  public let startedAtNanoseconds = Clock.monotonicNanoseconds()
  private let classifier: EventClassifier
  private var table = RouteTable()
  private var pendingAfterReply: [(Gateway, Invocation) -> Void] = []
  public private(set) var invocationCount = 0
  public private(set) var history = InvocationHistory(capacity: 20)
  private(set) var healthChecks: [(String, HealthCheck)] = []
  private(set) var warmUps: [(String, WarmUp)] = []
  private(set) var settingsSummaries: [() -> [(String, String)]] = []
  /// In link mode, which routes are the home's to answer (see `forwardToHomeLink`).
  private var isHomeRoute: (Route) -> Bool = { _ in false }
  /// In link mode, what an event must pass before it is forwarded (whose it is).
  private var authorizeForHome: (EventContext, Gateway) throws -> Void = { _, _ in }

  /// Validates the engine's configuration (a bad value throws, naming the variable).
  /// Extensions install their routes and hooks afterwards.
  public init(environment: [String: String], log: RuntimeLog) throws(ConfigurationError) {
    let config = try Configuration(environment: environment)
    self.environment = environment
    log.threshold = config.logThreshold(default: log.threshold)
    services = Services(config: config, environment: environment, runtimeLog: log)
    classifier = EventClassifier(
      maximumBytes: config.maximumEventBytes, maximumDepth: config.maximumEventDepth)
    OperatorRoutes.register(into: &table)
  }

  /// An extension's upstream, known at install: with `PRECONNECT` (the default) libcurl is
  /// loaded and `request` sent on a background thread, so the first event finds the
  /// connection open; without it libcurl is still loaded in the background.
  public func preconnect(_ request: HTTPRequest) {
    if services.config.preconnect {
      services.http.preconnectInBackground(request)
    } else {
      HTTPClient.startLoadingInBackground()
    }
  }

  /// Adds what a scheduled warm-up does for an extension.
  public func addWarmUp(_ name: String, _ warmUp: @escaping WarmUp) {
    warmUps.append((name, warmUp))
  }

  /// Adds an extension's settings to `health`'s `config` (secrets shown only as set);
  /// built only when `health` asks.
  public func addSettingsSummary(_ summary: @escaping () -> [(String, String)]) {
    settingsSummaries.append(summary)
  }

  /// Every route with a handler of its own (for checks that the table is what it should be).
  public var routes: [Route] { table.routes }

  /// Adds an extension's routes; call before the first event. A route registered twice
  /// (here or by an earlier install) is an error: the process must not start.
  public func install(_ register: (inout RouteTable) -> Void) throws(RouteConflict) {
    let known = table.conflicts.count
    register(&table)
    guard table.conflicts.count == known else {
      throw RouteConflict(registrations: Array(table.conflicts[known...]))
    }
  }

  /// Work for the current invocation once its reply has left (`RuntimeLoop`'s
  /// `afterReply`): e.g. reporting a slow device's final state. Runs on the loop's thread,
  /// before the next event. The invocation it is handed ends `DEADLINE_MARGIN_MS` before
  /// Lambda's deadline: work that keeps to it leaves the runtime time to ask for the next
  /// event, so Lambda never times the environment out (an error, and a cold start).
  public func afterReply(_ work: @escaping (Gateway, Invocation) -> Void) {
    pendingAfterReply.append(work)
  }

  /// Runs (and forgets) what handlers left for after the reply of `invocation`, each with
  /// the deadline less the margin.
  public func finishAfterReply(_ invocation: Invocation) {
    finishLink(invocation)
    let work = pendingAfterReply
    pendingAfterReply = []
    guard !work.isEmpty else { return }
    let budget = Invocation(
      requestId: invocation.requestId,
      deadlineMilliseconds: invocation.deadlineMilliseconds
        - Int64(services.config.deadlineMarginMilliseconds),
      invokedFunctionArn: invocation.invokedFunctionArn, traceId: invocation.traceId,
      body: invocation.body)
    for item in work { item(self, budget) }
  }

  /// The link's own work after a reply (deleting what it received), before the next event.
  private func finishLink(_ invocation: Invocation) {
    guard services.isBuilt(.link), let link = try? services.homeLink() else { return }
    link.finish(
      until: invocation.deadlineMilliseconds - Int64(services.config.deadlineMarginMilliseconds))
  }

  /// In link mode (`LINK_QUEUE_URL`), the routes `isHome` picks are forwarded to the
  /// bridge in the home instead of being handled here; a failure of the link reaches the
  /// family's error handler as a `HomeLink.Failure`. Without link mode it changes nothing.
  /// `health` and warm-up then check the link end to end: the bridge answers `health`
  /// with the home's own checks (Home Assistant reachable, its version), reported here.
  /// `authorize` runs first for each such event; what it throws reaches the family's error
  /// handler and nothing is forwarded.
  public func forwardToHomeLink(
    when isHome: @escaping (Route) -> Bool,
    authorize: @escaping (EventContext, Gateway) throws -> Void
  ) {
    isHomeRoute = isHome
    authorizeForHome = authorize
    guard services.config.linkQueueURL != nil else { return }
    addHealthCheck("homeLink") { gateway, invocation in
      gateway.checkHomeLink(within: invocation)
    }
    // Warm-up makes this instance's reply queue and opens its connection to SQS.
    addWarmUp("homeLink") { gateway, invocation in
      let (ok, details) = gateway.checkHomeLink(within: invocation)
      return ["ok": .bool(ok), "details": details]
    }
  }

  /// The bridge's answer to the operator event `action`, through the link, within
  /// `invocation`'s budget and at most `capMilliseconds`.
  public func askHomeLink(
    _ action: String, within invocation: Invocation, capMilliseconds: Int64 = 3000
  ) throws -> JSON {
    let question = Invocation(
      requestId: invocation.requestId + "-" + action,
      deadlineMilliseconds: min(
        invocation.deadlineMilliseconds, Clock.wallMilliseconds() + capMilliseconds),
      body: JSONWriter().bytes(["action": .string(action)]))
    return try JSONParser.parse(services.homeLink().forward(question, marginMilliseconds: 0))
  }

  /// The bridge's `health`, through the link, within `invocation`'s budget (at most 3 s).
  private func checkHomeLink(within invocation: Invocation) -> (ok: Bool, details: JSON) {
    let started = Clock.wallMilliseconds()
    do {
      let health = try askHomeLink("health", within: invocation)
      return (
        health["status"]?.string == "ok",
        [
          "milliseconds": JSON(Int(Clock.wallMilliseconds() - started)),
          "bridgeVersion": health["version"] ?? .null, "home": health["checks"] ?? .null,
        ]
      )
    } catch {
      return (false, ["error": .string("\(error)")])
    }
  }

  /// Whether events of `route` go to the home link.
  public func isForwarded(_ route: Route) -> Bool {
    services.config.linkQueueURL != nil && isHomeRoute(route)
  }

  /// Adds a check that `health` runs (e.g. "upstream reachable").
  public func addHealthCheck(_ name: String, _ check: @escaping HealthCheck) {
    healthChecks.append((name, check))
  }

  /// Answers one invocation. Throws only for events no family answers, so Lambda reports
  /// them as function errors; a family with an error handler always gets a reply.
  public func handle(_ invocation: Invocation) throws -> [UInt8] {
    invocationCount += 1
    pendingAfterReply = []
    let started = Clock.monotonicNanoseconds()
    let coldStart = invocationCount == 1
    let metrics = services.metrics
    if coldStart { metrics.add(.coldStart) }
    let cacheBefore = services.isBuilt(.cache) ? services.cache.statistics : nil
    var routeKey = "rejected"
    var family = "unknown"
    var outcome = "ok"
    defer {
      let milliseconds = Double(Clock.monotonicNanoseconds() - started) / 1e6
      if services.isBuilt(.cache) {
        let after = services.cache.statistics
        metrics.add(.cacheHits, Double(after.hits - (cacheBefore?.hits ?? 0)))
        metrics.add(.cacheMisses, Double(after.misses - (cacheBefore?.misses ?? 0)))
      }
      if outcome != "ok" { metrics.add(.errors) }
      metrics.add(.duration, milliseconds)
      metrics.flush(family: family, route: routeKey)
      history.append(route: routeKey, milliseconds: milliseconds, outcome: outcome)
    }
    let route: Route
    let event: JSON
    do {
      (route, event) = try classifier.classify(invocation.body)
    } catch {
      outcome = error.kind.rawValue
      throw error.functionError  // the runtime loop logs it once
    }
    routeKey = route.key
    family = route.family.name
    let logger = services.logging
    if logger.isDebugEnabled { logger.dump("event \(route.key)", event) }
    let context = EventContext(
      invocation: invocation, route: route, event: event, coldStart: coldStart)
    do {
      guard invocation.remainingMilliseconds > Int64(services.config.deadlineMarginMilliseconds)
      else {
        throw BudgetExhausted(remainingMilliseconds: invocation.remainingMilliseconds)
      }
      guard services.config.served.contains(route.family) else {
        throw Refusal(
          type: "InvalidEvent.NotServed",
          message: "this function serves \(route.family.rawValue) events elsewhere (SERVE)")
      }
      if isForwarded(route) {
        try authorizeForHome(context, self)
        return try services.homeLink().forward(
          invocation, marginMilliseconds: services.config.deadlineMarginMilliseconds)
      }
      guard let handler = table.handler(for: route) else {
        throw FunctionError(
          type: "InvalidEvent.UnsupportedRoute", message: "no handler for \(route.key)")
      }
      return try handler(context, self).bytes
    } catch let refusal as Refusal {
      pendingAfterReply = []  // nothing follows a reply that is an error
      outcome = "Refused"
      throw refusal.functionError
    } catch {
      pendingAfterReply = []
      outcome = String(describing: type(of: error))
      guard let recover = table.errorHandler(for: route.family) else { throw error }
      logger.warn(
        "handler failed, answering with an error reply: \(error)",
        fields: [("route", .string(route.key))])
      return recover(context, self, error).bytes
    }
  }
}

/// A request the function must not answer (e.g. from a sender not on an allow-list): the
/// invocation fails with this error instead of getting any reply, and the family's error
/// handler is bypassed.
public struct Refusal: Error {
  public let functionError: FunctionError
  public init(type: String, message: String) {
    functionError = FunctionError(type: type, message: message)
  }
  public init(_ functionError: FunctionError) { self.functionError = functionError }
}

/// Too little of the invocation is left to do the work and still answer in time.
public struct BudgetExhausted: Error, CustomStringConvertible {
  public let remainingMilliseconds: Int64
  public var description: String { "only \(remainingMilliseconds) ms left before the deadline" }
}
