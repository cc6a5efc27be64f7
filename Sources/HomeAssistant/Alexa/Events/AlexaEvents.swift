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
///
/// A grant Amazon no longer takes (a 403 from the gateway, a refresh refused as
/// `invalid_grant`) stops every send and every call to Login with Amazon; like an absent
/// one, it is looked for again in the store at most every five minutes
/// (`ALEXA_GRANT_RECHECK_SECONDS`), so a new AcceptGrant taken by another instance brings
/// this one back too.
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
  /// When the store was last asked for a usable grant (0: never, or the read failed).
  private var lookedAt: Int64 = 0
  private(set) var lastGatewayStatus: Int?
  private(set) var eventsSent = 0
  /// Events given up on because Amazon throttled them longer than their budget allowed.
  private(set) var eventsThrottled = 0
  private(set) var lastRefreshError: String?
  /// The problem the owner was last told about, so it is told once.
  private var notified: String?

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
      adopt(exchanged)
    } catch {
      services.logging.error("AcceptGrant failed: \(error)")
      throw AlexaFailure(type: .acceptGrantFailed, message: "the grant could not be kept")
    }
  }

  /// A new grant in force: whatever went wrong with the last one is over.
  private func adopt(_ new: AlexaGrant) {
    grant = new
    lastRefreshError = nil
    notified = nil
  }

  /// The grant in force: read from Parameter Store on a cold start and kept. While there
  /// is none, or Amazon no longer takes it, the store is asked again (past every cache) at
  /// most every five minutes: another instance may have taken a new AcceptGrant. A read
  /// that failed is tried again by the next event.
  private func current(_ services: Services, _ deadline: Int64) -> AlexaGrant? {
    if let grant, grant.revoked == nil { return grant }
    guard Self.now - lookedAt >= settings.grantRecheckSeconds else { return grant }
    do {
      let stored = try readStored(services, fresh: grant != nil || lookedAt != 0, deadline)
      lookedAt = Self.now
      if let stored, stored.revoked == nil, stored.refreshToken != grant?.refreshToken {
        adopt(stored)
      } else if grant == nil {
        grant = stored  // revoked by another instance, or none at all
      }
    } catch {
      lookedAt = 0
    }
    return grant
  }

  private func readStored(_ services: Services, fresh: Bool, _ deadline: Int64)
    throws(ParameterStore.Failure) -> AlexaGrant?
  {
    let name = StoredParameter.alexaGrant.name(services)
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
      JSONWriter().string(grant.json), named: StoredParameter.alexaGrant.name(services),
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
        adopt(new)
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
            adopt(stored)
            return stored
          }
          continue
        }
        lastRefreshError = "\(failure)"
        // The refresh token is dead for every instance: no more calls to Login with
        // Amazon until a new grant is stored (looked for every five minutes).
        var dead = attempt
        dead.revoked = Self.refusedRefresh
        grant = dead
        lookedAt = Self.now
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

  /// What `revoked` says when Login with Amazon refused the refresh token.
  static let refusedRefresh = "invalid_grant"

  private func login(_ services: Services) throws -> LoginWithAmazon {
    LoginWithAmazon(
      url: settings.tokenURL, clientId: settings.clientId,
      clientSecret: try clientSecret(services), http: services.http)
  }

  /// Whether Login with Amazon takes the skill's events credentials (the doctor's check):
  /// throws `MissingClientSecret`, a Parameter Store failure or `LoginWithAmazon.Failure`.
  func checkCredentials(_ services: Services, timeoutMilliseconds: Int) throws {
    try login(services).checkCredentials(timeoutMilliseconds: timeoutMilliseconds)
  }

  private func clientSecret(_ services: Services) throws -> String {
    if let secret = settings.clientSecret { return secret }
    guard StoredParameter.alexaClientSecret.isRead(with: homeSettings) else {
      throw MissingClientSecret()
    }
    return try services.parameterStore.value(
      named: StoredParameter.alexaClientSecret.name(services), timeoutMilliseconds: 1000)
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
  /// so every instance stops); 429 is retried as Amazon asks (`throttlePauses`) and 5xx
  /// once after a short pause, each only while the budget allows.
  func send(_ build: (String) -> JSON, services: Services, deadline: Int64) -> Outcome {
    guard var grant = current(services, deadline) else { return .noGrant }
    if let revoked = grant.revoked { return .revoked(revoked) }
    if !grant.isFresh(at: Self.now) {
      guard let new = refreshed(grant, services, deadline) else { return refreshFailure }
      grant = new
    }
    var refreshedOnce = false
    var retriedServerError = false
    var throttles = Self.throttlePauses[...]
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
        guard let new = refreshed(grant, services, deadline) else { return refreshFailure }
        grant = new
      case 403 where Self.revokingCodes.contains(Self.code(of: response)):
        let code = Self.code(of: response)
        revoke(grant, because: code, services, deadline)
        return .revoked(code)
      case 429:
        guard let pause = throttles.popFirst(), Self.left(deadline, cap: .max) > pause + 1000
        else {
          eventsThrottled += 1
          services.logging.warn("the event gateway kept throttling; an event was given up")
          return .failed("event gateway throttled (THROTTLING_EXCEPTION)")
        }
        Clock.sleep(milliseconds: pause)
      case 500...599 where !retriedServerError && Self.left(deadline, cap: .max) > 1500:
        retriedServerError = true
        Clock.sleep(milliseconds: 300)
      default:
        return .failed("event gateway answered \(response.status) \(Self.code(of: response))")
      }
    }
  }

  /// Pauses before each retry of a throttled event: Amazon's event gateway documentation
  /// asks for at least a second between attempts and at most three retries
  /// (developer.amazon.com/docs/alexa/smarthome/send-events.html, "Response codes").
  static let throttlePauses = [1000, 1000, 1000]

  /// A refresh that failed: a refresh token Amazon refused is the grant's end (revoked),
  /// anything else a failure this time.
  private var refreshFailure: Outcome {
    if let revoked = grant?.revoked { return .revoked(revoked) }
    return .failed(lastRefreshError ?? "refresh failed")
  }

  /// What a 403 says when the owner disabled the skill or withdrew its permission, as
  /// Amazon spells it (developer.amazon.com/docs/alexa/smarthome/send-events.html).
  static let revokingCodes: Set<String> = [
    "SKILL_DISABLED_EXCEPTION", "INSUFFICIENT_PERMISSION_EXCEPTION",
  ]

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
    lookedAt = Self.now
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
    status["eventsThrottled"] = JSON(eventsThrottled)
    return .object(status)
  }

  static var now: Int64 { Clock.wallMilliseconds() / 1000 }

  /// Milliseconds left until `deadline`, at most `cap`.
  static func left(_ deadline: Int64, cap: Int) -> Int {
    Int(max(0, min(Int64(cap), deadline - Clock.wallMilliseconds())))
  }
}
