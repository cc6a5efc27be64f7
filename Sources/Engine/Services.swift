import LambdaRuntime

/// The core services, each built on first use and kept for the life of the process.
///
/// A service a process never asks for is never built (no libcurl load for a ping); what
/// was built, and what it cost, is reported by `health` and `diagnostics`.
public final class Services {
  public let config: Configuration
  public let environment: [String: String]
  private let runtimeLog: RuntimeLog
  private var costs: [(Interface, Double)] = []
  // Each service's slot: nil until first asked for.
  private var loggingSlot: Logger?
  private var securitySlot: SecurityPolicy?
  private var metricsSlot: Metrics?
  private var cacheSlot: Cache?
  private var breakersSlot: CircuitBreakers?
  private var httpSlot: HTTPClient?
  private var backgroundHTTPSlot: HTTPClient?
  private var parameterStoreSlot: ParameterStore?
  private var linkSlot: HomeLink?

  init(config: Configuration, environment: [String: String], runtimeLog: RuntimeLog) {
    self.config = config
    self.environment = environment
    self.runtimeLog = runtimeLog
    costs.append((.config, 0))
  }

  public var logging: Logger {
    lazily(&loggingSlot, .logging) {
      Logger(sink: runtimeLog, redactor: Redactor(secrets: secrets))
    }
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
    lazily(&securitySlot, .security) { SecurityPolicy(configuration: config) }
  }

  public var metrics: Metrics {
    lazily(&metricsSlot, .metrics) {
      Metrics(functionName: environment["AWS_LAMBDA_FUNCTION_NAME"] ?? Product.name)
    }
  }

  public var cache: Cache {
    lazily(&cacheSlot, .cache) {
      Cache(
        maximumEntries: config.cacheMaximumEntries, maximumBytes: config.cacheMaximumBytes,
        defaultTTLSeconds: config.cacheTTLSeconds)
    }
  }

  public var breakers: CircuitBreakers {
    lazily(&breakersSlot, .circuitBreaker) {
      CircuitBreakers(
        failureThreshold: config.breakerFailureThreshold,
        cooldownSeconds: config.breakerCooldownSeconds)
    }
  }

  public var http: HTTPClient {
    lazily(&httpSlot, .http) {
      HTTPClient(userAgent: "\(Product.name)/\(Product.version) (AWS Lambda; +libcurl)")
    }
  }

  /// A second connection, part of the http service, for calls made on a background
  /// thread while the event's own call holds the first (`BackgroundThread`).
  public var backgroundHTTP: HTTPClient {
    if let client = backgroundHTTPSlot { return client }
    let client = HTTPClient(userAgent: http.userAgent)
    backgroundHTTPSlot = client
    return client
  }

  /// SecureString parameters, part of the config service (built with the http service).
  public var parameterStore: ParameterStore {
    if let store = parameterStoreSlot { return store }
    let store = ParameterStore(
      http: http, cache: cache, redactor: logging.redactor, environment: environment,
      ttlSeconds: config.parameterTTLSeconds, region: config.awsRegion)
    parameterStoreSlot = store
    return store
  }

  /// The home link (link mode): the function's end of the queues to the home's bridge,
  /// with the function's own AWS credentials.
  public func homeLink() throws(HomeLink.Failure) -> HomeLink {
    if let link = linkSlot { return link }
    guard let queue = config.linkQueueURL else {
      throw .queue(.malformed("LINK_QUEUE_URL is not set"))
    }
    guard let credentials = AWSCredentials.resolve(environment: environment) else {
      throw .noCredentials
    }
    return lazily(&linkSlot, .link) {
      HomeLink(
        sqs: SQSClient(
          http: http, credentials: credentials, region: config.awsRegion, environment: environment),
        requestQueueURL: queue, replyQueuePrefix: config.linkReplyQueuePrefix, logger: logging)
    }
  }

  /// Whether `interface` has been built.
  public func isBuilt(_ interface: Interface) -> Bool {
    costs.contains { $0.0 == interface }
  }

  /// What was built, in order, with microseconds each took.
  public var built: [(Interface, Double)] { costs }

  /// The service in `slot`, built (and its cost recorded) on first use.
  private func lazily<T>(_ slot: inout T?, _ interface: Interface, _ make: () -> T) -> T {
    if let existing = slot { return existing }
    let started = Clock.monotonicNanoseconds()
    let instance = make()
    slot = instance
    costs.append((interface, Double(Clock.monotonicNanoseconds() - started) / 1000))
    return instance
  }
}
