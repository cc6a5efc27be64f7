import Engine
import JSONCore
import LambdaRuntime

/// Home Assistant's REST API over the engine's http service, breaker and deadline.
public struct HomeAssistantClient {
  public let baseURL: String
  public let token: String
  private let settings: HomeAssistantSettings
  private let upstream: Upstream

  private init(
    baseURL: String, token: String, settings: HomeAssistantSettings, upstream: Upstream
  ) {
    self.baseURL = baseURL
    self.token = token
    self.settings = settings
    self.upstream = upstream
  }

  /// Home Assistant's upstream for one invocation: its breaker, its timeout.
  static func upstream(
    _ settings: HomeAssistantSettings, _ services: Services, _ invocation: Invocation
  ) -> Upstream {
    Upstream(
      name: HomeAssistantSettings.upstreamName, services: services, invocation: invocation,
      configuredTimeoutMilliseconds: settings.timeoutMilliseconds)
  }

  /// A client for this event: the token Alexa sent with it (account linking).
  public static func forEvent(
    _ context: EventContext, _ gateway: Gateway, _ settings: HomeAssistantSettings
  ) throws -> HomeAssistantClient {
    try connect(
      linkedToken: AccessToken.fromEvent(context.event), settings: settings,
      services: gateway.services, invocation: context.invocation)
  }

  /// A client for an Alexa request with `linkedToken`. Without one, the owner's token
  /// (`HOME_ASSISTANT_TOKEN` or Parameter Store) serves only when the owner opted in with
  /// `ALLOW_OWNER_TOKEN_FALLBACK`: nothing acts with the owner's token by default. On the
  /// bridge (`actsAsOwner`) the owner's token serves every event.
  public static func connect(
    linkedToken: String?, settings: HomeAssistantSettings, services: Services,
    invocation: Invocation
  ) throws(HomeAssistantError) -> HomeAssistantClient {
    if let linkedToken, !settings.actsAsOwner {
      return try client(
        token: linkedToken, settings: settings, services: services, invocation: invocation)
    }
    guard settings.allowOwnerTokenFallback || settings.actsAsOwner else { throw .noToken }
    return try asOwner(settings: settings, services: services, invocation: invocation)
  }

  /// A client with the owner's token, for operator events (health, warm-up) that the
  /// owner invokes directly.
  public static func asOwner(
    settings: HomeAssistantSettings, services: Services, invocation: Invocation
  ) throws(HomeAssistantError) -> HomeAssistantClient {
    let timeout = upstream(settings, services, invocation).timeoutMilliseconds
    let token: String?
    do {
      token = try settings.ownerToken(services, timeoutMilliseconds: timeout)
    } catch {
      throw .parameterStore(error)
    }
    guard let token else { throw .noToken }
    return try client(token: token, settings: settings, services: services, invocation: invocation)
  }

  private static func client(
    token: String, settings: HomeAssistantSettings, services: Services, invocation: Invocation
  ) throws(HomeAssistantError) -> HomeAssistantClient {
    guard let baseURL = settings.url else { throw .notConfigured }
    // A CR or LF would start a header of its own: such a token is never sent.
    guard HomeAssistantSettings.isHeaderSafe(token) else { throw .malformedToken }
    return HomeAssistantClient(
      baseURL: baseURL, token: token, settings: settings,
      upstream: upstream(settings, services, invocation))
  }

  /// Milliseconds the next call may take, within the invocation's budget.
  public var timeoutMilliseconds: Int { upstream.timeoutMilliseconds }

  /// Every entity's state (`GET /api/states`).
  public func states() throws(HomeAssistantError) -> [JSON] {
    guard let states = try json("GET", "/api/states").array else {
      throw .malformed("states is not a list")
    }
    return states
  }

  /// One entity's state; nil when Home Assistant does not know it.
  public func state(_ entityId: String) throws(HomeAssistantError) -> JSON? {
    do {
      return try json("GET", "/api/states/\(entityId)")
    } catch .notFound {
      return nil
    }
  }

  /// Calls a service; Home Assistant answers with the states that changed during the call.
  public func callService(_ domain: String, _ service: String, data: JSON)
    throws(HomeAssistantError) -> [JSON]
  {
    try json("POST", "/api/services/\(domain)/\(service)", body: JSONWriter().bytes(data)).array
      ?? []
  }

  /// Unit system, version, location name (`GET /api/config`).
  public func config() throws(HomeAssistantError) -> JSON { try json("GET", "/api/config") }

  /// Renders a template (`POST /api/template`): the text it produced.
  public func render(template text: String) throws(HomeAssistantError) -> String {
    String(
      decoding: try send(
        "POST", "/api/template", body: JSONWriter().bytes(["template": .string(text)])
      ).body, as: UTF8.self)
  }

  /// Asks Assist (`POST /api/conversation/process`).
  public func converse(text: String, language: String?, conversationId: String?, agentId: String?)
    throws(HomeAssistantError) -> JSON
  {
    var body = JSONObject([("text", .string(text))])
    if let language { body["language"] = .string(language) }
    if let conversationId { body["conversation_id"] = .string(conversationId) }
    if let agentId { body["agent_id"] = .string(agentId) }
    return try json("POST", "/api/conversation/process", body: JSONWriter().bytes(.object(body)))
  }

  /// States `entityId` had since `milliseconds` (Unix) until now, oldest first, each just
  /// its state and when it changed (`GET /api/history/period`, minimal, without
  /// attributes; without an end it would stop a day after the start), within `cap`
  /// milliseconds.
  public func history(of entityId: String, since milliseconds: Int64, cap: Int)
    throws(HomeAssistantError) -> [JSON]
  {
    let path =
      "/api/history/period/\(Clock.iso8601(milliseconds: milliseconds))?filter_entity_id=\(entityId)"
      + "&end_time=\(Clock.iso8601())&minimal_response&no_attributes"
    let response = try send("GET", path, cap: cap)
    guard let lists = try? JSONParser.parse(response.body, maximumDepth: 16).array else {
      throw .malformed("\(path): not a list")
    }
    return lists.first?.array ?? []
  }

  /// Sends a request and returns the raw reply (proxy mode); 401/403 and 5xx still throw.
  public func send(_ method: String, _ path: String, body: [UInt8] = [], cap: Int? = nil)
    throws(HomeAssistantError) -> HTTPResponse
  {
    let request = HTTPRequest(
      method: method, url: baseURL + path,
      headers: [HomeAssistantSettings.authorization(token), ("Content-Type", "application/json")],
      body: body, tls: settings.tls)
    let response: HTTPResponse
    do {
      response = try upstream.send(request, cap: cap)
    } catch {
      throw .unreachable(error)
    }
    switch response.status {
    case 200..<300: return response
    case 401, 403: throw .unauthorized(status: response.status)
    case 404: throw .notFound(path)
    default:
      logRefusal(response, method: method, path: path)
      throw .badStatus(response.status)
    }
  }

  /// Home Assistant's own words stay out of replies; at debug level a short, redacted
  /// excerpt helps the owner (the linked token is masked even if Home Assistant echoes it).
  private func logRefusal(_ response: HTTPResponse, method: String, path: String) {
    let logger = upstream.services.logging
    guard logger.isDebugEnabled else { return }
    let excerpt = String(decoding: response.body.prefix(300), as: UTF8.self)
    logger.debug(
      "Home Assistant answered \(response.status) to \(method) \(path)",
      fields: [("body", .string(Redactor(secrets: [token]).redact(excerpt)))])
  }

  private func json(_ method: String, _ path: String, body: [UInt8] = []) throws(HomeAssistantError)
    -> JSON
  {
    let response = try send(method, path, body: body)
    do {
      return try JSONParser.parse(response.body, maximumDepth: 128)
    } catch {
      throw .malformed("\(path): \(error)")
    }
  }
}
