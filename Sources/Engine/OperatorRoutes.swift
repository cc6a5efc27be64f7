import JSONCore
import LambdaRuntime

/// Operator events invoked by hand or on a schedule: ping, health, diagnostics, warm-up.
enum OperatorRoutes {
  static func register(into table: inout RouteTable) {
    table.register(.operatorAction("ping")) { context, _ in
      .raw(context.coldStart ? coldPing : warmPing)
    }
    table.register(.operatorAction("health")) { context, gateway in
      .json(health(context, gateway, detailed: false))
    }
    table.register(.operatorAction("diagnostics")) { context, gateway in
      .json(health(context, gateway, detailed: true))
    }
    table.register(.schedule) { context, gateway in .json(warmUp(context, gateway)) }
    table.fallback(for: .operatorAction) { context, gateway in
      let known = gateway.routes.compactMap { route -> String? in
        if case .operatorAction(let action) = route { return action }
        return nil
      }
      throw FunctionError(
        type: "InvalidEvent.UnknownAction",
        message:
          "unknown action '\(context.event["action"]?.string ?? "")': expected one of \(known.sorted().joined(separator: ", "))"
      )
    }
  }

  /// Ping's two possible answers, written once: it is the probe a keep-warm schedule or a
  /// monitor sends most, so it should cost nothing beyond the Runtime API's own work.
  static let warmPing = pingReply(coldStart: false)
  static let coldPing = pingReply(coldStart: true)

  static func pingReply(coldStart: Bool) -> [UInt8] {
    JSONWriter().bytes([
      "ok": true, "version": .string(Product.version), "coldStart": .bool(coldStart),
    ])
  }

  static func health(_ context: EventContext, _ gateway: Gateway, detailed: Bool) -> JSON {
    let services = gateway.services
    var checks = JSONObject()
    var healthy = true
    for (name, check) in gateway.healthChecks {
      let result = check(gateway, context.invocation)
      healthy = healthy && result.ok
      checks[name] = result.details
    }
    let memory = ProcessMemory.read()
    var report = JSONObject([
      ("status", .string(healthy ? "ok" : "degraded")),
      ("version", .string(Product.version)),
      (
        "uptimeSeconds",
        .number(rounded(Double(Clock.monotonicNanoseconds() - gateway.startedAtNanoseconds) / 1e9))
      ),
      ("coldStart", .bool(context.coldStart)),
      ("invocations", JSON(gateway.invocationCount)),
      (
        "memory",
        ["rssMiB": .number(rounded(memory.rssMiB)), "hwmMiB": .number(rounded(memory.hwmMiB))]
      ),
      ("servicesBuilt", .array(services.built.map { .string($0.0.rawValue) })),
      ("breakers", services.isBuilt(.circuitBreaker) ? services.breakers.report : [:]),
      ("cache", cacheReport(services)),
      (
        "config",
        .object(
          JSONObject(
            (gateway.settingsSummaries.flatMap { $0() } + services.config.redactedSummary).map {
              ($0.0, JSON.string($0.1))
            }))
      ),
      ("checks", .object(checks)),
    ])
    if detailed {
      report.appendUnique(
        "serviceBuildMicroseconds",
        .object(JSONObject(services.built.map { ($0.0.rawValue, JSON.number(rounded($0.1))) })))
      report.appendUnique("recentInvocations", gateway.history.json)
      if services.isBuilt(.http) {
        report.appendUnique("libcurl", .string(services.http.libraryVersion))
        report.appendUnique(
          "libraries",
          .object(JSONObject(services.http.libraryPaths.map { ($0.0, JSON.string($0.1)) })))
      }
    }
    return services.logging.redactor.redact(.object(report))
  }

  /// A scheduled warm-up builds the services the next event will need and runs each
  /// extension's warm-up (e.g. opening its upstream connection, so that event finds it
  /// ready); each result appears under its hook's name.
  static func warmUp(_ context: EventContext, _ gateway: Gateway) -> JSON {
    let services = gateway.services
    _ = services.logging
    _ = services.cache
    _ = services.breakers
    let results = gateway.warmUps.map { ($0.0, $0.1(gateway, context.invocation)) }
    var reply = JSONObject([
      ("warmed", true), ("servicesBuilt", .array(services.built.map { .string($0.0.rawValue) })),
    ])
    for (name, result) in results { reply[name] = result }
    return .object(reply)
  }

  static func cacheReport(_ services: Services) -> JSON {
    guard services.isBuilt(.cache) else { return [:] }
    let cache = services.cache
    let statistics = cache.statistics
    return [
      "entries": JSON(cache.count), "bytes": JSON(cache.bytes), "hits": JSON(statistics.hits),
      "misses": JSON(statistics.misses), "evictions": JSON(statistics.evictions),
      "expirations": JSON(statistics.expirations),
    ]
  }

  static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
