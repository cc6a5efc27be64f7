import Engine
import JSONCore
import LambdaRuntime

/// Alexa hears from the home: the grant's life (AcceptGrant's exchange, storage in
/// Parameter Store, refresh before expiry) and each event's trip to the event gateway.
/// One per process, used by the runtime loop's thread only.
///
/// Concurrent instances may refresh at once: each stores what it got, and a refresh that
/// Amazon refuses as `invalid_grant` re-reads the stored grant (another instance may have
/// stored a newer one) before giving up, so no instance loses the grant for the others.
final class AlexaEvents {
  enum Outcome: Equatable {
    case sent
    case noGrant
    case revoked(String)
    case failed(String)
  }

  let settings: AlexaEventsSettings
  private let homeSettings: HomeAssistantSettings
  private var grant: AlexaGrant?
  /// When the store last said there is no grant (0: never asked).
  private var absentSince: Int64 = 0
  static let absentRecheckSeconds: Int64 = 300
  private(set) var lastGatewayStatus: Int?
  private(set) var eventsSent = 0
  private(set) var lastRefreshError: String?
  /// The problem the owner was last told about, so it is told once.
  private var notified: String?

  static let grantParameter = "ALEXA_GRANT"
  static let notificationId = "lee_alexa_events"

  init(settings: AlexaEventsSettings, homeSettings: HomeAssistantSettings) {
    self.settings = settings
    self.homeSettings = homeSettings
  }

  // MARK: The grant

  /// AcceptGrant: the code for tokens, stored before Alexa hears it went well.
  func accept(code: String, services: Services, deadline: Int64) throws(AlexaFailure) {
    do {
      let exchanged = try login(services).exchange(
        code: code, timeoutMilliseconds: Self.left(deadline, cap: 4000))
      try store(exchanged, services, deadline)
      grant = exchanged
      lastRefreshError = nil
      notified = nil
    } catch {
      services.logging.error("AcceptGrant failed: \(error)")
      throw AlexaFailure(type: .acceptGrantFailed, message: "the grant could not be kept")
    }
  }

  /// The grant in force: read from Parameter Store on a cold start and kept. While there
  /// is none, the store is asked again at most every five minutes (another instance may
  /// have taken AcceptGrant); a read that failed is tried again by the next event.
  private func current(_ services: Services, _ deadline: Int64) -> AlexaGrant? {
    if let grant { return grant }
    guard Self.now - absentSince >= Self.absentRecheckSeconds else { return nil }
    do {
      grant = try readStored(services, fresh: false, deadline)
      if grant == nil { absentSince = Self.now }
    } catch {
      return nil
    }
    return grant
  }

  private func readStored(_ services: Services, fresh: Bool, _ deadline: Int64)
    throws(ParameterStore.Failure) -> AlexaGrant?
  {
    let name = services.config.parameterName(Self.grantParameter)
    let timeout = Self.left(deadline, cap: 2000)
    do {
      let text =
        fresh
        ? try services.parameterStore.freshValue(named: name, timeoutMilliseconds: timeout)
        : try services.parameterStore.value(named: name, timeoutMilliseconds: timeout)
      guard let stored = AlexaGrant(text) else {
        services.logging.error("\(name) holds no grant Alexa events can use")
        return nil
      }
      services.logging.redactor.add(stored.refreshToken)
      services.logging.redactor.add(stored.accessToken)
      return stored
    } catch  where error.isParameterNotFound {
      return nil
    } catch {
      services.logging.warn("the Alexa grant could not be read: \(error)")
      throw error
    }
  }

  private func store(_ grant: AlexaGrant, _ services: Services, _ deadline: Int64) throws {
    services.logging.redactor.add(grant.refreshToken)
    services.logging.redactor.add(grant.accessToken)
    try services.parameterStore.put(
      JSONWriter().string(grant.json), named: services.config.parameterName(Self.grantParameter),
      timeoutMilliseconds: Self.left(deadline, cap: 2000))
  }

  /// A new access token; on `invalid_grant`, the stored grant if another instance (or a
  /// new AcceptGrant) replaced it meanwhile.
  private func refreshed(_ old: AlexaGrant, _ services: Services, _ deadline: Int64)
    -> AlexaGrant?
  {
    var attempt = old
    for _ in 0..<2 {
      do {
        let new = try login(services).refresh(
          attempt, timeoutMilliseconds: Self.left(deadline, cap: 3000))
        grant = new
        lastRefreshError = nil
        do { try store(new, services, deadline) } catch {
          services.logging.warn("the refreshed Alexa grant could not be stored: \(error)")
        }
        return new
      } catch let failure as LoginWithAmazon.Failure where failure.isInvalidGrant {
        if let stored = try? readStored(services, fresh: true, deadline),
          stored.refreshToken != attempt.refreshToken
        {
          attempt = stored
          if stored.isFresh(at: Self.now) {
            grant = stored
            return stored
          }
          continue
        }
        lastRefreshError = "\(failure)"
      } catch {
        lastRefreshError = "\(error)"
      }
      break
    }
    services.logging.error("the Alexa grant could not be refreshed: \(lastRefreshError ?? "")")
    tellOwner(
      "Alexa no longer accepts this home's events: its grant could not be refreshed "
        + "(\(lastRefreshError ?? "")). Disable and re-enable the skill in the Alexa app.",
      problem: "refresh", services, deadline)
    return nil
  }

  private func login(_ services: Services) throws -> LoginWithAmazon {
    LoginWithAmazon(
      url: settings.tokenURL, clientId: settings.clientId,
      clientSecret: try clientSecret(services), http: services.http)
  }

  private func clientSecret(_ services: Services) throws -> String {
    if let secret = settings.clientSecret { return secret }
    guard homeSettings.useParameterStore else { throw MissingClientSecret() }
    return try services.parameterStore.value(
      named: services.config.parameterName("ALEXA_CLIENT_SECRET"), timeoutMilliseconds: 1000)
  }

  struct MissingClientSecret: Error, CustomStringConvertible {
    var description: String {
      "ALEXA_CLIENT_SECRET is not set (nor PARAMETER_PREFIX/ALEXA_CLIENT_SECRET with USE_PARAMETER_STORE)"
    }
  }

  // MARK: Sending

  /// Whether an event could go now: a grant, not revoked (read once per process).
  func canSend(_ services: Services, deadline: Int64) -> Bool {
    guard let grant = current(services, deadline) else { return false }
    return grant.revoked == nil
  }

  /// Sends the event `build` makes with the grant's access token (it goes in the event's
  /// scope and the Authorization header), by `deadline`. 401 refreshes once and retries;
  /// 403 for a disabled skill or a withdrawn permission marks the grant revoked (stored,
  /// so every instance stops); 429 and 5xx retry once after a pause, if time allows.
  func send(_ build: (String) -> JSON, services: Services, deadline: Int64) -> Outcome {
    guard var grant = current(services, deadline) else { return .noGrant }
    if let revoked = grant.revoked { return .revoked(revoked) }
    if !grant.isFresh(at: Self.now) {
      guard let new = refreshed(grant, services, deadline) else {
        return .failed(lastRefreshError ?? "refresh failed")
      }
      grant = new
    }
    var refreshedOnce = false
    var retriedOnce = false
    while true {
      let response: HTTPResponse
      do {
        response = try services.http.send(
          HTTPRequest(
            method: "POST", url: settings.gatewayURL,
            headers: [
              ("Authorization", "Bearer \(grant.accessToken)"),
              ("Content-Type", "application/json"),
            ], body: JSONWriter().bytes(build(grant.accessToken))),
          timeoutMilliseconds: Self.left(deadline, cap: 3000))
      } catch {
        return .failed("event gateway unreachable: \(error)")
      }
      lastGatewayStatus = response.status
      switch response.status {
      case 202, 200:
        eventsSent += 1
        return .sent
      case 401 where !refreshedOnce:
        refreshedOnce = true
        guard let new = refreshed(grant, services, deadline) else {
          return .failed(lastRefreshError ?? "refresh failed")
        }
        grant = new
      case 403 where Self.revokingCodes.contains(Self.code(of: response)):
        let code = Self.code(of: response)
        revoke(grant, because: code, services, deadline)
        return .revoked(code)
      case let status
      where (status == 429 || status >= 500) && !retriedOnce
        && Self.left(deadline, cap: 10_000) > 1500:
        retriedOnce = true
        Clock.sleep(milliseconds: 300)
      default:
        return .failed("event gateway answered \(response.status) \(Self.code(of: response))")
      }
    }
  }

  /// What a 403 says when the owner disabled the skill or withdrew its permission.
  static let revokingCodes: Set<String> = ["SKILL_DISABLED_EXCEPTION", "INSUFFICIENT_PERMISSION"]

  /// The gateway's error code (`payload.code`), or "" when it gave none.
  private static func code(of response: HTTPResponse) -> String {
    (try? JSONParser.parse(response.body))?["payload"]?["code"]?.string ?? ""
  }

  private func revoke(
    _ old: AlexaGrant, because code: String, _ services: Services, _ deadline: Int64
  ) {
    var revoked = old
    revoked.revoked = code
    grant = revoked
    services.logging.error("Alexa stopped taking this home's events: \(code)")
    do { try store(revoked, services, deadline) } catch {
      services.logging.warn("the revoked Alexa grant could not be stored: \(error)")
    }
    tellOwner(
      "Alexa no longer accepts this home's events (\(code)): the skill was disabled or its "
        + "permission to send Alexa events was withdrawn. Re-enable the skill in the Alexa "
        + "app (and allow it to send events) to turn proactive reports back on.",
      problem: code, services, deadline)
  }

  // MARK: The owner

  /// One Home Assistant persistent notification per problem, with the owner's token.
  private func tellOwner(
    _ message: String, problem: String, _ services: Services, _ deadline: Int64
  ) {
    guard notified != problem else { return }
    notified = problem
    let budget = Invocation(requestId: "alexa-events", deadlineMilliseconds: deadline, body: [])
    do {
      let client = try HomeAssistantClient.asOwner(
        settings: homeSettings, services: services, invocation: budget)
      _ = try client.callService(
        "persistent_notification", "create",
        data: [
          "notification_id": .string(Self.notificationId), "title": "Alexa events stopped",
          "message": .string(message),
        ])
    } catch {
      services.logging.warn("could not tell the owner in Home Assistant: \(error)")
    }
  }

  /// For `health`: the grant's state, never a token.
  func status(_ services: Services, deadline: Int64) -> JSON {
    var status = JSONObject()
    switch current(services, deadline) {
    case nil: status["grant"] = "absent"
    case let grant? where grant.revoked != nil:
      status["grant"] = "revoked"
      status["reason"] = .string(grant.revoked ?? "")
    case let grant?:
      status["grant"] = "active"
      status["expiresAt"] = .string(Clock.iso8601(milliseconds: grant.expiresAt * 1000))
    }
    if let lastRefreshError { status["lastRefreshError"] = .string(lastRefreshError) }
    status["lastGatewayStatus"] = lastGatewayStatus.map { JSON($0) } ?? .null
    status["eventsSent"] = JSON(eventsSent)
    return .object(status)
  }

  static var now: Int64 { Clock.wallMilliseconds() / 1000 }

  /// Milliseconds left until `deadline`, at most `cap`.
  static func left(_ deadline: Int64, cap: Int) -> Int {
    Int(max(0, min(Int64(cap), deadline - Clock.wallMilliseconds())))
  }
}
