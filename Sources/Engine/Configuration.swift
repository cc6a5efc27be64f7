import LambdaRuntime

/// Every setting the function reads, validated once at start.
///
/// Names follow the Python original where one existed (HOME_ASSISTANT_*, LOG_LEVEL,
/// DEBUG_MODE, USE_PARAMETER_STORE, PARAMETER_PREFIX) so users can migrate unchanged.
public struct Configuration: Sendable {
  public enum AlexaMode: String, Sendable { case native, proxy }

  public var homeAssistantURL: String?
  /// The owner's token: health checks and warm-up use it; an Alexa request that carries
  /// no token of its own is served with it only when `allowOwnerTokenFallback` says so.
  public var homeAssistantToken: String?
  /// `ALLOW_OWNER_TOKEN_FALLBACK`: off by default, because Alexa always sends a linked
  /// token, so a request without one can only be a direct invoke (local runs and tests).
  public var allowOwnerTokenFallback: Bool
  public var verifyTLS: Bool
  public var caBundlePath: String?
  public var homeAssistantTimeoutSeconds: Double
  /// `LOG_LEVEL` overrides `AWS_LAMBDA_LOG_LEVEL`; `DEBUG_MODE` forces DEBUG.
  public var logLevel: LogLevel?
  public var debugMode: Bool
  public var useParameterStore: Bool
  public var parameterPrefix: String
  public var parameterTTLSeconds: Double
  public var alexaMode: AlexaMode
  public var alexaSkillIds: [String]
  /// The Home Assistant conversation agent for the custom skill (e.g. an LLM agent);
  /// nil: Home Assistant's default (Assist).
  public var assistAgentId: String?
  /// Which entities Alexa sees (comma-separated lists).
  public var includeDomains: [String]
  public var excludeDomains: [String]
  public var includeEntities: [String]
  public var excludeEntities: [String]
  public var cacheMaximumEntries: Int
  public var cacheMaximumBytes: Int
  public var cacheTTLSeconds: Double
  public var breakerFailureThreshold: Int
  public var breakerCooldownSeconds: Double
  public var maximumEventBytes: Int
  public var maximumEventDepth: Int
  public var deadlineMarginMilliseconds: Int
  public var preconnect: Bool
  public var awsRegion: String

  public init(environment: [String: String]) throws(ConfigurationError) {
    let reader = Reader(environment: environment)
    homeAssistantURL = try reader.url("HOME_ASSISTANT_URL")
    homeAssistantToken = reader.string("HOME_ASSISTANT_TOKEN")
    if let token = homeAssistantToken, !Self.isHeaderSafe(token) {
      throw ConfigurationError(
        variable: "HOME_ASSISTANT_TOKEN", problem: "contains spaces or control characters")
    }
    allowOwnerTokenFallback = try reader.bool("ALLOW_OWNER_TOKEN_FALLBACK", default: false)
    verifyTLS = try reader.bool("HOME_ASSISTANT_VERIFY_SSL", default: true)
    caBundlePath = reader.string("HOME_ASSISTANT_CA_BUNDLE")
    homeAssistantTimeoutSeconds = try reader.number(
      "HOME_ASSISTANT_TIMEOUT", default: 6.5, in: 0.1...60)
    logLevel = try reader.string("LOG_LEVEL").map { (text) throws(ConfigurationError) in
      guard let level = LogLevel(name: text) else {
        throw ConfigurationError(
          variable: "LOG_LEVEL", problem: "'\(text)' is not one of DEBUG, INFO, WARNING, ERROR")
      }
      return level
    }
    debugMode = try reader.bool("DEBUG_MODE", default: false)
    useParameterStore = try reader.bool("USE_PARAMETER_STORE", default: false)
    parameterPrefix = reader.string("PARAMETER_PREFIX") ?? "/lee"
    guard parameterPrefix.hasPrefix("/") else {
      throw ConfigurationError(variable: "PARAMETER_PREFIX", problem: "must start with '/'")
    }
    parameterTTLSeconds = try reader.number("PARAMETER_TTL_SECONDS", default: 300, in: 0...86_400)
    let mode = reader.string("ALEXA_MODE")?.lowercased() ?? "native"
    guard let alexaMode = AlexaMode(rawValue: mode) else {
      throw ConfigurationError(
        variable: "ALEXA_MODE", problem: "'\(mode)' is neither native nor proxy")
    }
    self.alexaMode = alexaMode
    alexaSkillIds = reader.list("ALEXA_SKILL_ID")
    assistAgentId = reader.string("ASSIST_AGENT_ID")
    includeDomains = reader.list("ALEXA_INCLUDE_DOMAINS")
    excludeDomains = reader.list("ALEXA_EXCLUDE_DOMAINS")
    includeEntities = reader.list("ALEXA_INCLUDE_ENTITIES")
    excludeEntities = reader.list("ALEXA_EXCLUDE_ENTITIES")
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
    if useParameterStore && homeAssistantToken == nil && homeAssistantURL == nil {
      throw ConfigurationError(
        variable: "USE_PARAMETER_STORE",
        problem: "needs HOME_ASSISTANT_URL (the token may come from the store)")
    }
  }

  /// How Home Assistant's certificate is checked; these settings apply to Home Assistant
  /// alone (calls to AWS always verify against the system's CA store).
  public var homeAssistantTLS: TLSSettings {
    TLSSettings(verify: verifyTLS, caBundlePath: caBundlePath)
  }

  /// Whether `token` can go into an `Authorization` header as it is: visible ASCII only,
  /// so no CR or LF can start a header of its own.
  public static func isHeaderSafe(_ token: String) -> Bool {
    !token.isEmpty && token.utf8.allSatisfy { (0x21...0x7E).contains($0) }
  }

  /// The name of the SSM parameter holding a secret, under `PARAMETER_PREFIX`.
  public func parameterName(_ secret: String) -> String {
    parameterPrefix.hasSuffix("/") ? parameterPrefix + secret : parameterPrefix + "/" + secret
  }

  /// The log threshold these settings ask for, given the runtime's own.
  public func logThreshold(default fallback: LogLevel) -> LogLevel {
    debugMode ? .debug : (logLevel ?? fallback)
  }

  /// Settings for diagnostics; secrets appear only as whether they are set.
  public var redactedSummary: [(String, String)] {
    [
      ("HOME_ASSISTANT_URL", homeAssistantURL ?? "(not set)"),
      ("HOME_ASSISTANT_TOKEN", homeAssistantToken == nil ? "(not set)" : "(set, redacted)"),
      ("ALLOW_OWNER_TOKEN_FALLBACK", String(allowOwnerTokenFallback)),
      ("HOME_ASSISTANT_VERIFY_SSL", String(verifyTLS)),
      ("HOME_ASSISTANT_CA_BUNDLE", caBundlePath ?? "(not set)"),
      ("HOME_ASSISTANT_TIMEOUT", String(homeAssistantTimeoutSeconds)),
      ("ALEXA_MODE", alexaMode.rawValue),
      (
        "ALEXA_SKILL_ID",
        alexaSkillIds.isEmpty
          ? "(not set: skill requests refused)" : alexaSkillIds.joined(separator: ",")
      ),
      ("ASSIST_AGENT_ID", assistAgentId ?? "(default)"),
      ("USE_PARAMETER_STORE", String(useParameterStore)),
      ("PARAMETER_PREFIX", parameterPrefix),
      ("DEBUG_MODE", String(debugMode)),
      ("CACHE_MAX_ENTRIES", String(cacheMaximumEntries)),
      ("CACHE_TTL_SECONDS", String(cacheTTLSeconds)),
      ("BREAKER_FAILURE_THRESHOLD", String(breakerFailureThreshold)),
      ("BREAKER_COOLDOWN_SECONDS", String(breakerCooldownSeconds)),
      ("DEADLINE_MARGIN_MS", String(deadlineMarginMilliseconds)),
    ]
  }
}

/// Typed reads of environment variables; each failure names its variable.
private struct Reader {
  let environment: [String: String]

  func string(_ name: String) -> String? {
    guard let value = environment[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
    return value
  }

  /// A comma-separated list, spaces ignored.
  func list(_ name: String) -> [String] {
    (string(name) ?? "").split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter
    { !$0.isEmpty }
  }

  func bool(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
    guard let text = string(name) else { return fallback }
    switch text.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off": return false
    default: throw ConfigurationError(variable: name, problem: "'\(text)' is not true or false")
    }
  }

  func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>)
    throws(ConfigurationError)
    -> Double
  {
    guard let text = string(name) else { return fallback }
    guard let value = Double(text), value.isFinite else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a number")
    }
    guard range.contains(value) else {
      throw ConfigurationError(
        variable: name, problem: "\(text) is outside \(range.lowerBound)…\(range.upperBound)")
    }
    return value
  }

  func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>)
    throws(ConfigurationError) -> Int
  {
    guard let text = string(name) else { return fallback }
    guard let value = Int(text) else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a whole number")
    }
    guard range.contains(value) else {
      throw ConfigurationError(
        variable: name, problem: "\(text) is outside \(range.lowerBound)…\(range.upperBound)")
    }
    return value
  }

  func url(_ name: String) throws(ConfigurationError) -> String? {
    guard var text = string(name) else { return nil }
    let lower = text.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
      throw ConfigurationError(variable: name, problem: "must start with https:// or http://")
    }
    guard !text.contains(" "),
      text.split(separator: "/", omittingEmptySubsequences: true).count >= 2
    else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a URL with a host")
    }
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}

extension String {
  /// Without leading and trailing whitespace.
  public func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
