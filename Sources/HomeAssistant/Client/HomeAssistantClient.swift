import Engine
import JSONCore
import LambdaRuntime

/// Home Assistant's REST API over the engine's http service, breaker and deadline.
public struct HomeAssistantClient {
  public static let upstreamName = "home-assistant"
  public let baseURL: String
  public let token: String
  private let upstream: Upstream

  public init(baseURL: String, token: String, services: Services, invocation: Invocation) {
    self.init(
      baseURL: baseURL, token: token,
      upstream: Upstream(name: Self.upstreamName, services: services, invocation: invocation))
  }

  private init(baseURL: String, token: String, upstream: Upstream) {
    self.baseURL = baseURL
    self.token = token
    self.upstream = upstream
  }

  /// A client for this event: the token Alexa sent with it (account linking).
  public static func forEvent(_ context: EventContext, _ gateway: Gateway) throws
    -> HomeAssistantClient
  {
    try connect(
      linkedToken: AccessToken.fromEvent(context.event), services: gateway.services,
      invocation: context.invocation)
  }

  /// A client for an Alexa request with `linkedToken`. Without one, the owner's token
  /// (`HOME_ASSISTANT_TOKEN` or Parameter Store) serves only when the owner opted in with
  /// `ALLOW_OWNER_TOKEN_FALLBACK`: nothing acts with the owner's token by default.
  public static func connect(linkedToken: String?, services: Services, invocation: Invocation)
    throws(HomeAssistantError) -> HomeAssistantClient
  {
    if let linkedToken {
      return try client(token: linkedToken, services: services, invocation: invocation)
    }
    guard services.config.allowOwnerTokenFallback else { throw .noToken }
    return try asOwner(services: services, invocation: invocation)
  }

  /// A client with the owner's token, for operator events (health, warm-up) that the
  /// owner invokes directly.
  public static func asOwner(services: Services, invocation: Invocation)
    throws(HomeAssistantError) -> HomeAssistantClient
  {
    let upstream = Upstream(name: upstreamName, services: services, invocation: invocation)
    let token: String?
    do {
      token = try services.fallbackToken(timeoutMilliseconds: upstream.timeoutMilliseconds)
    } catch {
      throw .parameterStore(error)
    }
    guard let token else { throw .noToken }
    return try client(token: token, services: services, invocation: invocation)
  }

  private static func client(token: String, services: Services, invocation: Invocation)
    throws(HomeAssistantError) -> HomeAssistantClient
  {
    guard let baseURL = services.config.homeAssistantURL else { throw .notConfigured }
    // A CR or LF would start a header of its own: such a token is never sent.
    guard Configuration.isHeaderSafe(token) else { throw .malformedToken }
    return HomeAssistantClient(
      baseURL: baseURL, token: token,
      upstream: Upstream(name: upstreamName, services: services, invocation: invocation))
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

  /// Renders a template (`POST /api/template`).
  public func template(_ text: String) throws(HomeAssistantError) -> String {
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

  /// Sends a request and returns the raw reply (proxy mode); 401/403 and 5xx still throw.
  public func send(_ method: String, _ path: String, body: [UInt8] = []) throws(HomeAssistantError)
    -> HTTPResponse
  {
    let request = HTTPRequest(
      method: method, url: baseURL + path,
      headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
      body: body, tls: upstream.services.config.homeAssistantTLS)
    let response: HTTPResponse
    do {
      response = try upstream.send(request)
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
