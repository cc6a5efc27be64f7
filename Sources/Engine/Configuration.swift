import LambdaRuntime

/// The engine's own settings, validated once at start; an extension parses its own the
/// same way (see `EnvironmentReader`), so the engine knows no extension's names.
///
/// Names follow the Python original where one existed (LOG_LEVEL, DEBUG_MODE,
/// PARAMETER_PREFIX) so users can migrate unchanged.
public struct Configuration: Sendable {
  /// `LOG_LEVEL` overrides `AWS_LAMBDA_LOG_LEVEL`; `DEBUG_MODE` forces DEBUG.
  public var logLevel: LogLevel?
  public var debugMode: Bool
  /// Where secrets live in Parameter Store, and how long a read is kept.
  public var parameterPrefix: String
  public var parameterTTLSeconds: Double
  public var cacheMaximumEntries: Int
  public var cacheMaximumBytes: Int
  public var cacheTTLSeconds: Double
  public var breakerFailureThreshold: Int
  public var breakerCooldownSeconds: Double
  public var maximumEventBytes: Int
  public var maximumEventDepth: Int
  public var deadlineMarginMilliseconds: Int
  /// Whether an extension's upstream is connected to during init (see `Gateway.preconnect`).
  public var preconnect: Bool
  public var awsRegion: String
  /// `SERVE`: the route families this function answers (all by default). One zip serves
  /// two functions: the one Alexa invokes (`smart-home,custom-skill,operator,schedule`)
  /// and the one behind the public Function URL (`http,operator`), so a flood of requests
  /// to the URL can never take the concurrency Alexa's directives need.
  public var served: Set<Route.Family>
  /// `LINK_QUEUE_URL`: the home link's request queue. Set, the function is in link mode:
  /// the routes an extension marks as the home's are forwarded to the bridge in the home
  /// instead of calling the home from here (see `HomeLink`).
  public var linkQueueURL: String?
  /// `LINK_REPLY_QUEUE_PREFIX`: the name every instance's reply queue starts with (the
  /// bridge may send to these alone).
  public var linkReplyQueuePrefix: String

  public init(environment: [String: String]) throws(ConfigurationError) {
    let reader = EnvironmentReader(environment: environment)
    logLevel = try reader.string("LOG_LEVEL").map { (text) throws(ConfigurationError) in
      guard let level = LogLevel(name: text) else {
        throw ConfigurationError(
          variable: "LOG_LEVEL", problem: "'\(text)' is not one of DEBUG, INFO, WARNING, ERROR")
      }
      return level
    }
    debugMode = try reader.bool("DEBUG_MODE", default: false)
    parameterPrefix = reader.string("PARAMETER_PREFIX") ?? "/lee"
    guard parameterPrefix.hasPrefix("/") else {
      throw ConfigurationError(variable: "PARAMETER_PREFIX", problem: "must start with '/'")
    }
    parameterTTLSeconds = try reader.number("PARAMETER_TTL_SECONDS", default: 300, in: 0...86_400)
    cacheMaximumEntries = try reader.integer("CACHE_MAX_ENTRIES", default: 256, in: 1...100_000)
    cacheMaximumBytes = try reader.integer(
      "CACHE_MAX_BYTES", default: 2_097_152, in: 1024...268_435_456)
    cacheTTLSeconds = try reader.number("CACHE_TTL_SECONDS", default: 30, in: 0...86_400)
    breakerFailureThreshold = try reader.integer(
      "BREAKER_FAILURE_THRESHOLD", default: 5, in: 1...1000)
    breakerCooldownSeconds = try reader.number(
      "BREAKER_COOLDOWN_SECONDS", default: 30, in: 0...3600)
    maximumEventBytes = try reader.integer(
      "MAX_EVENT_BYTES", default: 6_291_456, in: 1024...6_291_456)
    maximumEventDepth = try reader.integer("MAX_EVENT_DEPTH", default: 64, in: 4...512)
    deadlineMarginMilliseconds = try reader.integer(
      "DEADLINE_MARGIN_MS", default: 300, in: 0...5000)
    preconnect = try reader.bool("PRECONNECT", default: true)
    awsRegion = reader.string("AWS_REGION") ?? "us-east-1"
    linkQueueURL = try reader.url("LINK_QUEUE_URL")
    linkReplyQueuePrefix = reader.string("LINK_REPLY_QUEUE_PREFIX") ?? "lee-reply-"
    guard linkReplyQueuePrefix.utf8.count <= 48,
      linkReplyQueuePrefix.utf8.allSatisfy({ $0.isQueueNameByte })
    else {
      throw ConfigurationError(
        variable: "LINK_REPLY_QUEUE_PREFIX",
        problem: "at most 48 letters, digits, hyphens and underscores (an SQS queue name)")
    }
    let serve = reader.list("SERVE")
    served = Set(Route.Family.allCases)
    if !serve.isEmpty {
      served = []
      for name in serve {
        guard let family = Route.Family(rawValue: name) else {
          throw ConfigurationError(
            variable: "SERVE",
            problem:
              "'\(name)' is not one of \(Route.Family.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        served.insert(family)
      }
    }
  }

  /// The name of the SSM parameter holding a secret, under `PARAMETER_PREFIX`.
  public func parameterName(_ secret: String) -> String {
    parameterPrefix.hasSuffix("/") ? parameterPrefix + secret : parameterPrefix + "/" + secret
  }

  /// The log threshold these settings ask for, given the runtime's own.
  public func logThreshold(default fallback: LogLevel) -> LogLevel {
    debugMode ? .debug : (logLevel ?? fallback)
  }

  /// The engine's settings for diagnostics (an extension adds its own, see
  /// `Gateway.addSettingsSummary`).
  public var redactedSummary: [(String, String)] {
    [
      ("PARAMETER_PREFIX", parameterPrefix),
      ("DEBUG_MODE", String(debugMode)),
      ("CACHE_MAX_ENTRIES", String(cacheMaximumEntries)),
      ("CACHE_TTL_SECONDS", String(cacheTTLSeconds)),
      ("BREAKER_FAILURE_THRESHOLD", String(breakerFailureThreshold)),
      ("BREAKER_COOLDOWN_SECONDS", String(breakerCooldownSeconds)),
      ("DEADLINE_MARGIN_MS", String(deadlineMarginMilliseconds)),
      ("LINK_QUEUE_URL", linkQueueURL ?? "(not set: Home Assistant is called from here)"),
      (
        "SERVE",
        Route.Family.allCases.filter(served.contains).map(\.rawValue).joined(separator: ",")
      ),
    ]
  }
}

extension UInt8 {
  /// A byte SQS allows in a queue name.
  var isQueueNameByte: Bool {
    switch self {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
      true
    default: false
    }
  }
}
