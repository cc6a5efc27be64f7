import Engine
import JSONCore

/// The Home Assistant extension's settings, validated when it is installed: a bad value
/// fails init with a message naming the variable, as the engine's own settings do.
///
/// Names follow the Python original where one existed (HOME_ASSISTANT_*,
/// USE_PARAMETER_STORE) so its users can migrate unchanged.
public struct HomeAssistantSettings: Sendable {
  public enum AlexaMode: String, Sendable { case native, proxy }

  public var url: String?
  /// The owner's token: health checks and warm-up use it; an Alexa request that carries
  /// no token of its own is served with it only when `allowOwnerTokenFallback` says so.
  public var token: String?
  /// `ALLOW_OWNER_TOKEN_FALLBACK`: off by default, because Alexa always sends a linked
  /// token, so a request without one can only be a direct invoke (local runs and tests).
  public var allowOwnerTokenFallback: Bool
  /// Set by `lee-bridge`, never by the environment: every event it gets was checked by the
  /// function that forwarded it, so Home Assistant is called with the owner's token and an
  /// event's linked token (Login with Amazon's, in link mode) is never sent to it.
  public var actsAsOwner = false
  public var verifyTLS: Bool
  public var caBundlePath: String?
  public var timeoutSeconds: Double
  /// Read the owner's token from Parameter Store (`PARAMETER_PREFIX/HOME_ASSISTANT_TOKEN`).
  public var useParameterStore: Bool
  public var alexaMode: AlexaMode
  public var alexaSkillIds: [String]
  /// The Home Assistant conversation agent for the custom skill (e.g. an LLM agent);
  /// nil: Home Assistant's default (Assist).
  public var assistAgentId: String?
  /// `PROGRESSIVE_RESPONSE_AFTER_MS`: how long Assist may think before Alexa says "one
  /// moment" (0: never).
  public var progressiveAfterMilliseconds: Int
  /// `ALEXA_API_URL`: where Alexa's API is reached instead of the request's `apiEndpoint`
  /// (tests; nil in production, where only Amazon's own endpoints are called).
  public var alexaAPIURL: String?
  /// `LINK_OWNER_ID`: in link mode, the Amazon accounts (`amzn1.account.…`) whose linked
  /// token may reach the home; `LWA_PROFILE_URL` says where their profile is read.
  public var linkOwners: [String]
  public var profileURL: String
  /// `ACCOUNT_LINKING_CLIENT_ID`: the Client ID the skill's account linking gives Home
  /// Assistant, for the doctor to check (nil: the function's region's own).
  public var linkingClientId: String?
  /// Which entities Alexa sees (comma-separated lists).
  public var includeDomains: [String]
  public var excludeDomains: [String]
  public var includeEntities: [String]
  public var excludeEntities: [String]
  /// Proactive events (ChangeReport, DoorbellPress, deferred replies): nil without
  /// `ALEXA_CLIENT_ID`.
  public var events: AlexaEventsSettings?
  /// `ENTITY_CONFIG`: per entity id, the same `alexa_*` keys Home Assistant's `customize:`
  /// sets (for owners who cannot edit Home Assistant's configuration).
  var entityConfig: [String: JSONObject]
  /// The Parameter Store copy of `ENTITY_CONFIG`, shared by every copy of these settings.
  let entityConfigStore = EntityConfigStore()

  /// The name every Home Assistant call goes by (its circuit breaker, its metrics).
  public static let upstreamName = "home-assistant"

  public init(environment: [String: String]) throws(ConfigurationError) {
    let reader = EnvironmentReader(environment: environment)
    url = try reader.url("HOME_ASSISTANT_URL")
    token = reader.string("HOME_ASSISTANT_TOKEN")
    if let token, !Self.isHeaderSafe(token) {
      throw ConfigurationError(
        variable: "HOME_ASSISTANT_TOKEN", problem: "contains spaces or control characters")
    }
    allowOwnerTokenFallback = try reader.bool("ALLOW_OWNER_TOKEN_FALLBACK", default: false)
    verifyTLS = try reader.bool("HOME_ASSISTANT_VERIFY_SSL", default: true)
    caBundlePath = reader.string("HOME_ASSISTANT_CA_BUNDLE")
    timeoutSeconds = try reader.number("HOME_ASSISTANT_TIMEOUT", default: 6.5, in: 0.1...60)
    useParameterStore = try reader.bool("USE_PARAMETER_STORE", default: false)
    let mode = reader.string("ALEXA_MODE")?.lowercased() ?? "native"
    guard let alexaMode = AlexaMode(rawValue: mode) else {
      throw ConfigurationError(
        variable: "ALEXA_MODE", problem: "'\(mode)' is neither native nor proxy")
    }
    self.alexaMode = alexaMode
    alexaSkillIds = reader.list("ALEXA_SKILL_ID")
    assistAgentId = reader.string("ASSIST_AGENT_ID")
    progressiveAfterMilliseconds = try reader.integer(
      "PROGRESSIVE_RESPONSE_AFTER_MS", default: 1500, in: 0...6000)
    alexaAPIURL = try reader.url("ALEXA_API_URL")
    includeDomains = reader.list("ALEXA_INCLUDE_DOMAINS")
    excludeDomains = reader.list("ALEXA_EXCLUDE_DOMAINS")
    includeEntities = reader.list("ALEXA_INCLUDE_ENTITIES")
    excludeEntities = reader.list("ALEXA_EXCLUDE_ENTITIES")
    entityConfig = try Self.entityConfig(reader.string("ENTITY_CONFIG"))
    events = try AlexaEventsSettings(reader, region: environment["AWS_REGION"] ?? "us-east-1")
    linkOwners = reader.list("LINK_OWNER_ID")
    profileURL = try reader.url("LWA_PROFILE_URL") ?? LinkOwner.defaultProfileURL
    linkingClientId = reader.string("ACCOUNT_LINKING_CLIENT_ID")
    if environment["LINK_QUEUE_URL"]?.isEmpty == false && linkOwners.isEmpty {
      throw ConfigurationError(
        variable: "LINK_OWNER_ID",
        problem:
          "link mode needs the Amazon account ids allowed to use the skill (the log names a refused one)"
      )
    }
    if useParameterStore && token == nil && url == nil {
      throw ConfigurationError(
        variable: "USE_PARAMETER_STORE",
        problem: "needs HOME_ASSISTANT_URL (the token may come from the store)")
    }
  }

  /// `{"light.kitchen": {"alexa_name": "Kitchen", "alexa_hidden": false}, …}`.
  static func entityConfig(_ text: String?) throws(ConfigurationError) -> [String: JSONObject] {
    guard let text else { return [:] }
    func problem(_ why: String) -> ConfigurationError {
      ConfigurationError(variable: "ENTITY_CONFIG", problem: why)
    }
    guard let root = (try? JSONParser.parse(text))?.object else {
      throw problem("is not a JSON object of entity ids")
    }
    var config: [String: JSONObject] = [:]
    for (entityId, entry) in root {
      guard let settings = entry.object else { throw problem("\(entityId) is not an object") }
      for (key, value) in settings {
        guard let type = EntityCustomization.types[key] else {
          throw problem(
            "\(entityId): unknown key \(key) (one of \(EntityCustomization.keys.joined(separator: ", ")))"
          )
        }
        guard type.accepts(value) else {
          throw problem(
            "\(entityId): \(key) must be \(type.description), not \(JSONWriter().string(value))")
        }
      }
      config[entityId] = settings
    }
    return config
  }

  /// `state` with its `ENTITY_CONFIG` entry applied (Home Assistant's own attributes win).
  func configured(_ state: JSON) -> JSON { Self.apply(entityConfig, to: state) }

  static func apply(_ config: [String: JSONObject], to state: JSON) -> JSON {
    guard !config.isEmpty, let entityId = state["entity_id"]?.string else { return state }
    return EntityCustomization.applying(config[entityId], to: state)
  }

  /// The entity settings in force: `ENTITY_CONFIG`, else (with `USE_PARAMETER_STORE`) the
  /// parameter `PARAMETER_PREFIX/ENTITY_CONFIG` (`EntityConfigStore`: read at most once
  /// per parameter TTL; a failed read keeps the last copy, and with none throws, so no
  /// entity the settings might hide is announced or controlled).
  func entityConfig(_ services: Services) throws(AlexaFailure) -> [String: JSONObject] {
    guard StoredParameter.entityConfig.isRead(with: self) else { return entityConfig }
    return try entityConfigStore.current(services)
  }

  /// How Home Assistant's certificate is checked; these settings apply to Home Assistant
  /// alone (calls to AWS always verify against the system's CA store).
  public var tls: TLSSettings { TLSSettings(verify: verifyTLS, caBundlePath: caBundlePath) }

  public var timeoutMilliseconds: Int { Int(timeoutSeconds * 1000) }

  /// The one place the `Authorization` header is written.
  static func authorization(_ token: String) -> (String, String) {
    ("Authorization", "Bearer \(token)")
  }

  /// Whether `token` can go into an `Authorization` header as it is: visible ASCII only,
  /// so no CR or LF can start a header of its own.
  public static func isHeaderSafe(_ token: String) -> Bool {
    !token.isEmpty && token.utf8.allSatisfy { (0x21...0x7E).contains($0) }
  }

  /// The owner's token: `HOME_ASSISTANT_TOKEN`, else (with `USE_PARAMETER_STORE`) the
  /// SecureString `PARAMETER_PREFIX/HOME_ASSISTANT_TOKEN`; nil when neither is set.
  public func ownerToken(_ services: Services, timeoutMilliseconds: Int)
    throws(ParameterStore.Failure) -> String?
  {
    if let token { return token }
    guard StoredParameter.homeAssistantToken.isRead(with: self) else { return nil }
    return try services.parameterStore.value(
      named: StoredParameter.homeAssistantToken.name(services),
      timeoutMilliseconds: timeoutMilliseconds)
  }

  /// Settings for diagnostics; secrets appear only as whether they are set.
  public var redactedSummary: [(String, String)] {
    [
      ("HOME_ASSISTANT_URL", url ?? "(not set)"),
      ("HOME_ASSISTANT_TOKEN", token == nil ? "(not set)" : "(set, redacted)"),
      ("ALLOW_OWNER_TOKEN_FALLBACK", String(allowOwnerTokenFallback)),
      ("HOME_ASSISTANT_VERIFY_SSL", String(verifyTLS)),
      ("HOME_ASSISTANT_CA_BUNDLE", caBundlePath ?? "(not set)"),
      ("HOME_ASSISTANT_TIMEOUT", String(timeoutSeconds)),
      ("ALEXA_MODE", alexaMode.rawValue),
      (
        "ALEXA_SKILL_ID",
        alexaSkillIds.isEmpty
          ? "(not set: skill requests refused)" : alexaSkillIds.joined(separator: ",")
      ),
      ("ASSIST_AGENT_ID", assistAgentId ?? "(default)"),
      ("USE_PARAMETER_STORE", String(useParameterStore)),
      ("LINK_OWNER_ID", linkOwners.isEmpty ? "(not set)" : linkOwners.joined(separator: ",")),
      ("ACCOUNT_LINKING_CLIENT_ID", linkingClientId ?? "(not set: the region's)"),
      ("ENTITY_CONFIG", entityConfig.isEmpty ? "(not set)" : "\(entityConfig.count) entities"),
      ("PROGRESSIVE_RESPONSE_AFTER_MS", String(progressiveAfterMilliseconds)),
      ("ALEXA_CLIENT_ID", events?.clientId ?? "(not set: proactive events off)"),
      ("ALEXA_CLIENT_SECRET", Self.shown(events?.clientSecret)),
      ("HOME_ASSISTANT_PUSH_SECRET", Self.shown(events?.pushSecret)),
      ("ALEXA_EVENT_GATEWAY_URL", events?.gatewayURL ?? "(events off)"),
    ]
  }

  private static func shown(_ secret: String?) -> String {
    secret == nil ? "(not set)" : "(set, redacted)"
  }
}
