import LambdaRuntime

/// The core services, each built on first use and kept for the life of the process.
///
/// A service a process never asks for is never built (no libcurl load for a ping); what
/// was built, and what it cost, is reported by `health` and `diagnostics`.
public final class Services: @unchecked Sendable {
  public let config: Configuration
  public let environment: [String: String]
  private let runtimeLog: RuntimeLog
  private var instances: [Interface: AnyObject] = [:]
  private var costs: [(Interface, Double)] = []

  init(config: Configuration, environment: [String: String], runtimeLog: RuntimeLog) {
    self.config = config
    self.environment = environment
    self.runtimeLog = runtimeLog
    costs.append((.config, 0))
  }

  public var logging: Logger {
    resolve(.logging) { Logger(sink: runtimeLog, redactor: Redactor(secrets: secrets)) }
  }

  /// Secrets an extension knows at install (its configured token): never logged, and
  /// known to the logging service whenever it is built.
  public func addSecret(_ secret: String?) {
    guard let secret else { return }
    secrets.append(secret)
    if isBuilt(.logging) { logging.redactor.add(secret) }
  }
  private var secrets: [String] = []

  public var security: SecurityPolicy {
    resolve(.security) { Box(SecurityPolicy(configuration: config)) }.value
  }

  public var metrics: Metrics {
    resolve(.metrics) {
      Metrics(functionName: environment["AWS_LAMBDA_FUNCTION_NAME"] ?? Product.name)
    }
  }

  public var cache: Cache {
    resolve(.cache) {
      Cache(
        maximumEntries: config.cacheMaximumEntries, maximumBytes: config.cacheMaximumBytes,
        defaultTTLSeconds: config.cacheTTLSeconds)
    }
  }

  public var breakers: CircuitBreakers {
    resolve(.circuitBreaker) {
      CircuitBreakers(
        failureThreshold: config.breakerFailureThreshold,
        cooldownSeconds: config.breakerCooldownSeconds)
    }
  }

  public var http: HTTPClient {
    resolve(.http) {
      HTTPClient(userAgent: "\(Product.name)/\(Product.version) (AWS Lambda; +libcurl)")
    }
  }

  /// SecureString parameters, part of the config service (built with the http service).
  public var parameterStore: ParameterStore {
    if let store = parameterStoreInstance { return store }
    let store = ParameterStore(
      http: http, cache: cache, redactor: logging.redactor, environment: environment,
      ttlSeconds: config.parameterTTLSeconds, region: config.awsRegion)
    parameterStoreInstance = store
    return store
  }
  private var parameterStoreInstance: ParameterStore?

  /// Whether `interface` has been built.
  public func isBuilt(_ interface: Interface) -> Bool {
    interface == .config || instances[interface] != nil
  }

  /// What was built, in order, with microseconds each took.
  public var built: [(Interface, Double)] { costs }

  private func resolve<T: AnyObject>(_ interface: Interface, _ make: () -> T) -> T {
    if let existing = instances[interface] { return unsafeDowncast(existing, to: T.self) }
    let started = Clock.monotonicNanoseconds()
    let instance = make()
    instances[interface] = instance
    costs.append((interface, Double(Clock.monotonicNanoseconds() - started) / 1000))
    return instance
  }
}

/// Holds a value-type service in the class-keyed registry.
private final class Box<T> {
  let value: T
  init(_ value: T) { self.value = value }
}
