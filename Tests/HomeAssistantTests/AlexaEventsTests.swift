import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// Proactive events against a fake Login with Amazon and event gateway (every event
/// validated against Amazon's schema by the fake) and a fake SSM (SigV4 checked by
/// botocore); Home Assistant is a FakeHome that records the owner's notifications.
@Suite struct AlexaEventsTests {
  static let pushSecret = "a-push-secret-of-at-least-32-characters"

  struct Setup {
    let home: FakeHome
    let cloud: FakeAlexaCloud
    let gateway: Gateway
  }

  private func setup(storedGrant: JSON? = nil, _ extra: [String: String] = [:]) throws -> Setup {
    let home = try FakeHome()
    let cloud = try FakeAlexaCloud(storedGrant: storedGrant)
    let gateway = try NativeHarness.gateway(
      home,
      environment: cloud.environment.merging([
        "HOME_ASSISTANT_PUSH_SECRET": Self.pushSecret, "HOME_ASSISTANT_TOKEN": "owner-token",
      ]) {
        $1
      }.merging(extra) { $1 })
    return Setup(home: home, cloud: cloud, gateway: gateway)
  }

  static func push(
    _ entityId: String, _ state: String, attributes: JSON = [:], old: String? = "off",
    oldAttributes: JSON? = nil, secret: String = pushSecret
  ) -> JSON {
    var body = JSONObject([
      ("entity_id", .string(entityId)),
      ("new_state", ["state": .string(state), "attributes": attributes]),
    ])
    body["old_state"] =
      old.map { ["state": .string($0), "attributes": oldAttributes ?? attributes] } ?? .null
    return FunctionURLEvent.make(
      headers: ["Authorization": "Bearer \(secret)"], body: JSONWriter().string(.object(body)))
  }

  static let kitchen: JSON = [
    "friendly_name": "Kitchen Lights", "supported_color_modes": ["onoff"], "color_mode": "onoff",
  ]

  private func reply(_ setup: Setup, _ event: JSON) throws -> (status: Int, body: JSON) {
    let reply = try NativeHarness.answer(setup.gateway, event)
    let body = try JSONParser.parse(reply["body"]?.string ?? "")
    return (reply["statusCode"]?.int ?? 0, body)
  }

  private func accept(_ setup: Setup) throws -> JSON {
    try NativeHarness.answer(setup.gateway, FakeAlexaCloud.acceptGrant)
  }

  @Test func acceptGrantExchangesTheCodeAndKeepsTheGrantInParameterStore() throws {
    let setup = try setup()
    let reply = try accept(setup)
    #expect(reply["event"]?["header"]?["name"] == "AcceptGrant.Response")
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let token = try #require(try setup.cloud.tokenRequests().first)
    #expect(token["grant_type"] == "authorization_code" && token["verdict"] == "ok")
    #expect(token["contentType"]?.string?.hasPrefix("application/x-www-form-urlencoded") == true)
    let stored = try #require(try setup.cloud.storedGrant())
    #expect(stored["refreshToken"] == "Atzr|refresh-1")
    #expect(stored["accessToken"] == "Atza|access-1")
    #expect(try setup.cloud.ssmProblems().isEmpty)
  }

  @Test func aCodeAmazonRefusesIsAcceptGrantFailedAndNothingIsStored() throws {
    let setup = try setup()
    var event = FakeAlexaCloud.acceptGrant
    event = try JSONParser.parse(
      JSONWriter().string(event).replacingOccurrences(of: FakeAlexaCloud.code, with: "WRONG"))
    let reply = try NativeHarness.answer(setup.gateway, event)
    #expect(reply["event"]?["payload"]?["type"] == "ACCEPT_GRANT_FAILED")
    #expect(reply["event"]?["header"]?["namespace"] == "Alexa.Authorization")
    #expect(try AlexaSchema.problems([reply]) == [nil])
    #expect(try setup.cloud.storedGrant() == nil)
  }

  @Test func aLightTurnedOnOutsideAlexaIsAChangeReportWithTheGrantsToken() throws {
    let setup = try setup()
    _ = try accept(setup)
    let (status, body) = try reply(
      setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202 && body["sent"] == true, "\(body)")
    let event = try #require(try setup.cloud.events().first)
    #expect(event["verdict"] == 202, "the fake gateway's schema verdict: \(event)")
    #expect(event["token"] == "Atza|access-1")
    let message = event["message"]?["event"]
    #expect(message?["header"]?["name"] == "ChangeReport")
    #expect(message?["endpoint"]?["endpointId"] == "light#kitchen")
    #expect(message?["payload"]?["change"]?["cause"]?["type"] == "PHYSICAL_INTERACTION")
    let changed = message?["payload"]?["change"]?["properties"]?.array ?? []
    #expect(changed.map { $0["name"]?.string } == ["powerState"])
    #expect(changed.first?["value"] == "ON")
    let context = event["message"]?["context"]?["properties"]?.array ?? []
    #expect(context.contains { $0["namespace"] == "Alexa.EndpointHealth" })
  }

  @Test func anAttributeNoAlexaPropertyReflectsSendsNothing() throws {
    let setup = try setup()
    _ = try accept(setup)
    var iconChanged = Self.kitchen.object ?? JSONObject()
    iconChanged["icon"] = "mdi:lamp"
    let (status, body) = try reply(
      setup,
      Self.push(
        "light.kitchen", "on", attributes: .object(iconChanged), old: "on",
        oldAttributes: Self.kitchen))
    #expect(status == 200 && body["sent"] == false, "\(body)")
    #expect(try setup.cloud.events().isEmpty)
  }

  @Test func nothingGoesOutForAnEntityDiscoveryWouldNotList() throws {
    let setup = try setup([
      "ALEXA_EXCLUDE_ENTITIES": "light.excluded",
      "ENTITY_CONFIG": #"{"light.hidden": {"alexa_hidden": true}}"#,
    ])
    _ = try accept(setup)
    for entityId in ["light.excluded", "light.hidden", "sensor.power_meter"] {
      let (status, body) = try reply(setup, Self.push(entityId, "on", attributes: Self.kitchen))
      #expect(status == 200 && body["reason"] == "not an Alexa endpoint", "\(entityId)")
    }
    var hidden = Self.kitchen.object ?? JSONObject()
    hidden["alexa_hidden"] = true
    let (status, _) = try reply(
      setup, Self.push("light.kitchen", "on", attributes: .object(hidden)))
    #expect(status == 200, "hidden by its own attribute")
    #expect(try setup.cloud.events().isEmpty)
  }

  @Test(arguments: ["wrong-secret-of-at-least-32-characters!", ""])
  func aPushWithoutTheSecretGets401AndCostsNoCall(secret: String) throws {
    let setup = try setup()
    let (status, body) = try reply(
      setup, Self.push("light.kitchen", "on", attributes: Self.kitchen, secret: secret))
    #expect(status == 401 && body == ["error": "unauthorized"])
    #expect(try setup.cloud.log().isEmpty)
    #expect(setup.home.upstream.requests.isEmpty)
  }

  @Test func aDoorbellPressIsADoorbellPress() throws {
    let setup = try setup()
    _ = try accept(setup)
    let (status, _) = try reply(
      setup,
      Self.push(
        "event.front_door", Clock.iso8601(),
        attributes: ["device_class": "doorbell", "event_type": "ring", "event_types": ["ring"]],
        old: "unknown"))
    #expect(status == 202)
    let event = try #require(try setup.cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    #expect(event["message"]?["event"]?["header"]?["name"] == "DoorbellPress")
    #expect(event["message"]?["event"]?["endpoint"]?["endpointId"] == "event#front_door")
  }

  @Test func aColdStartUsesTheStoredGrant() throws {
    let setup = try setup(
      storedGrant: FakeAlexaCloud.grant(
        refresh: "Atzr|stored", access: "Atza|stored", expiresIn: 3000))
    try setup.cloud.script(["known_access": ["Atza|stored"], "known_refresh": ["Atzr|stored"]])
    let (status, _) = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202)
    #expect(try setup.cloud.events().map { $0["token"] } == ["Atza|stored"])
    #expect(try setup.cloud.tokenRequests().isEmpty)
  }

  @Test func aGrantAboutToExpireIsRefreshedFirstAndStored() throws {
    let setup = try setup(
      storedGrant: FakeAlexaCloud.grant(refresh: "Atzr|stored", access: "Atza|old", expiresIn: 60))
    try setup.cloud.script(["known_refresh": ["Atzr|stored"]])
    let (status, _) = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202)
    let tokens = try setup.cloud.tokenRequests()
    #expect(tokens.map { $0["grant_type"] } == ["refresh_token"])
    #expect(tokens.first?["refresh_token"] == "Atzr|stored")
    #expect(try setup.cloud.events().map { $0["token"] } == ["Atza|access-1"])
    #expect(try setup.cloud.storedGrant()?["accessToken"] == "Atza|access-1")
    #expect(try setup.cloud.storedGrant()?["refreshToken"] == "Atzr|stored")
  }

  @Test func a401RefreshesOnceAndRetriesOnce() throws {
    let setup = try setup()
    _ = try accept(setup)
    try setup.cloud.script(["forget_access": true])
    let (status, _) = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202)
    #expect(try setup.cloud.events().map { $0["verdict"] } == [401, 202])
    #expect(
      try setup.cloud.tokenRequests().map { $0["grant_type"] } == [
        "authorization_code", "refresh_token",
      ])
  }

  @Test func aThrottledEventIsRetriedAfterASecondAsAmazonAsks() throws {
    let setup = try setup()
    _ = try accept(setup)
    try setup.cloud.script(["gateway": [429, 429]])
    let (status, _) = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202)
    let events = try setup.cloud.events()
    #expect(events.map { $0["verdict"] } == [429, 429, 202])
    let times = events.compactMap { $0["at"]?.number }
    for (earlier, later) in zip(times, times.dropFirst()) {
      #expect(later - earlier >= 1.0, "at least a second between attempts")
    }
  }

  @Test func throttlingLongerThanTheBudgetIsGivenUpAndCounted() throws {
    let setup = try setup()
    _ = try accept(setup)
    try setup.cloud.script(["gateway": [429, 429, 429, 429]])
    let event = Self.push("light.kitchen", "on", attributes: Self.kitchen)
    let reply = try NativeHarness.answer(setup.gateway, event, deadline: 2500)
    #expect(reply["statusCode"] == 502)
    #expect(try setup.cloud.events().count == 2, "one retry fits in 2.5 s, a second does not")
    let health = try NativeHarness.answer(setup.gateway, ["action": "health"])
    #expect(health["checks"]?["alexaEvents"]?["eventsThrottled"] == 1)
    try setup.cloud.script(["gateway": [429, 429, 429, 429]])
    _ = try self.reply(setup, Self.push("light.kitchen", "off", old: "on"))
    #expect(try setup.cloud.events().count == 6, "at most three retries, however long the budget")
  }

  @Test(arguments: ["SKILL_DISABLED_EXCEPTION", "INSUFFICIENT_PERMISSION_EXCEPTION"])
  func aDisabledSkillRevokesTheGrantTellsTheOwnerOnceAndStopsSending(code: String) throws {
    let setup = try setup()
    _ = try accept(setup)
    try setup.cloud.script(["gateway": [[403, .string(code)]]])
    let first = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(first.status == 409 && first.body["reason"] == .string("revoked: \(code)"))
    let second = try reply(setup, Self.push("light.kitchen", "off", old: "on"))
    #expect(second.status == 409)
    #expect(try setup.cloud.events().count == 1, "nothing more once revoked")
    #expect(try setup.cloud.storedGrant()?["revoked"] == .string(code))
    let notifications = setup.home.serviceCalls.filter {
      $0.0 == "/api/services/persistent_notification/create"
    }
    #expect(notifications.count == 1)
    #expect(notifications.first?.1["message"]?.string?.contains("Re-enable the skill") == true)
    let health = try NativeHarness.answer(setup.gateway, ["action": "health"])
    let status = health["checks"]?["alexaEvents"]
    #expect(status?["grant"] == "revoked" && status?["reason"] == .string(code))
    #expect(status?["lastGatewayStatus"] == 403)
    #expect(!JSONWriter().string(health).contains("Atza|"), "never a token")
  }

  /// The owner re-enabled the skill: another instance took the new AcceptGrant and
  /// stored it; this one, which saw the 403, takes it up at its next look in the store.
  @Test func aRevokedInstanceTakesUpTheGrantAnotherInstanceStored() throws {
    let setup = try setup(["ALEXA_GRANT_RECHECK_SECONDS": "0"])
    _ = try accept(setup)
    try setup.cloud.script(["gateway": [403]])
    let revoked = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(revoked.status == 409)
    let other = try NativeHarness.gateway(
      setup.home,
      environment: setup.cloud.environment.merging([
        "HOME_ASSISTANT_PUSH_SECRET": Self.pushSecret
      ]) { $1 })
    _ = try NativeHarness.answer(other, FakeAlexaCloud.acceptGrant)
    let (status, _) = try reply(setup, Self.push("light.kitchen", "off", old: "on"))
    #expect(status == 202)
    #expect(try setup.cloud.events().last?["token"] == "Atza|access-2")
    let health = try NativeHarness.answer(setup.gateway, ["action": "health"])
    #expect(health["checks"]?["alexaEvents"]?["grant"] == "active")
  }

  @Test func aRevokedInstanceLooksInTheStoreAtMostOncePerPeriod() throws {
    let setup = try setup()
    _ = try accept(setup)
    try setup.cloud.script(["gateway": [403]])
    _ = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    let reads = try setup.cloud.reads(of: "/lee/ALEXA_GRANT")
    for _ in 0..<5 { _ = try reply(setup, Self.push("light.kitchen", "off", old: "on")) }
    #expect(try setup.cloud.reads(of: "/lee/ALEXA_GRANT") == reads)
  }

  @Test func aRefreshAmazonRefusesEndsTheGrantUntilANewOneIsStored() throws {
    let setup = try setup(
      storedGrant: FakeAlexaCloud.grant(refresh: "Atzr|stored", access: "Atza|old", expiresIn: 10))
    let (status, body) = try reply(
      setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 409 && body["reason"] == "revoked: invalid_grant", "\(body)")
    _ = try reply(setup, Self.push("light.kitchen", "off", old: "on"))
    #expect(try setup.cloud.tokenRequests().count == 1, "Login with Amazon is not asked again")
    let notifications = setup.home.serviceCalls.filter {
      $0.0 == "/api/services/persistent_notification/create"
    }
    #expect(notifications.count == 1)
    let health = try NativeHarness.answer(setup.gateway, ["action": "health"])
    let events = health["checks"]?["alexaEvents"]
    #expect(events?["grant"] == "revoked" && events?["reason"] == "invalid_grant", "\(health)")
    #expect(events?["lastRefreshError"]?.string?.contains("invalid_grant") == true)
  }

  /// Another instance (or a new AcceptGrant) replaced the grant: the refresh token this
  /// instance holds is refused, so it re-reads the stored one and carries on with it.
  @Test func anInstanceWhoseRefreshTokenWasReplacedAdoptsTheStoredGrant() throws {
    let setup = try setup(
      storedGrant: FakeAlexaCloud.grant(refresh: "Atzr|first", access: "Atza|old", expiresIn: 10))
    let other = try NativeHarness.gateway(
      setup.home,
      environment: setup.cloud.environment.merging([
        "HOME_ASSISTANT_PUSH_SECRET": Self.pushSecret
      ]) { $1 })
    // This instance reads the first grant; then the other accepts a new one and stores it.
    let before = try NativeHarness.answer(setup.gateway, ["action": "health"])
    #expect(before["checks"]?["alexaEvents"]?["grant"] == "active")
    _ = try NativeHarness.answer(other, FakeAlexaCloud.acceptGrant)
    try setup.cloud.script(["invalid_refresh": ["Atzr|first"]])
    let (status, _) = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    #expect(status == 202)
    #expect(try setup.cloud.events().map { $0["token"] } == ["Atza|access-1"])
    #expect(try setup.cloud.storedGrant()?["refreshToken"] == "Atzr|refresh-1")
  }

  @Test func healthShowsTheGrantAndWhatWasSentNeverAToken() throws {
    let setup = try setup()
    let absent = try NativeHarness.answer(setup.gateway, ["action": "health"])
    #expect(absent["checks"]?["alexaEvents"]?["grant"] == "absent")
    _ = try accept(setup)
    _ = try reply(setup, Self.push("light.kitchen", "on", attributes: Self.kitchen))
    let health = try NativeHarness.answer(setup.gateway, ["action": "health"])
    let status = health["checks"]?["alexaEvents"]
    #expect(status?["grant"] == "active")
    #expect(status?["expiresAt"]?.string?.hasSuffix("Z") == true)
    #expect(status?["eventsSent"] == 1 && status?["lastGatewayStatus"] == 202)
    let text = JSONWriter().string(health)
    #expect(!text.contains("Atza|") && !text.contains("Atzr|") && !text.contains(Self.pushSecret))
  }

  @Test func withEventsOnDiscoverySaysWhatIsPushedAndKeepsTheEndpoints() throws {
    let discover: JSON = [
      "directive": [
        "header": [
          "namespace": "Alexa.Discovery", "name": "Discover", "payloadVersion": "3",
          "messageId": "m",
        ],
        "payload": ["scope": ["type": "BearerToken", "token": "linked"]],
      ]
    ]
    let on = try setup()
    on.home.allStates = DemoStates.all
    let proactive = try NativeHarness.answer(on.gateway, discover)
    let home = try FakeHome()
    home.allStates = DemoStates.all
    let plain = try NativeHarness.run(home, discover)
    #expect(try AlexaSchema.problems([proactive, plain]) == [nil, nil])
    func endpoints(_ reply: JSON) -> [JSON] {
      reply["event"]?["payload"]?["endpoints"]?.array ?? []
    }
    #expect(
      endpoints(proactive).map { $0["endpointId"] } == endpoints(plain).map { $0["endpointId"] })
    func flags(_ reply: JSON) -> [String: Set<Bool>] {
      var flags: [String: Set<Bool>] = [:]
      for capability in endpoints(reply).flatMap({ $0["capabilities"]?.array ?? [] }) {
        guard let flag = capability["properties"]?["proactivelyReported"]?.bool else { continue }
        flags[capability["interface"]?.string ?? "", default: []].insert(flag)
      }
      return flags
    }
    let marked = flags(proactive)
    #expect(marked["Alexa.PowerController"] == [true])
    #expect(marked["Alexa.ContactSensor"] == [true] || marked["Alexa.MotionSensor"] == [true])
    // Scenes' connectivity is not pushed (nothing of theirs is): false there, true elsewhere.
    #expect(marked["Alexa.EndpointHealth"] == [true, false])
    #expect(marked["Alexa.SceneController"] == nil || marked["Alexa.SceneController"] == [false])
    #expect(flags(plain).values.allSatisfy { $0 == [false] })
  }
}

extension FakeAlexaCloud {
  /// A grant as the function stores it, expiring in `expiresIn` seconds.
  static func grant(refresh: String, access: String, expiresIn: Int64) -> JSON {
    AlexaGrant(
      refreshToken: refresh, accessToken: access,
      expiresAt: Clock.wallMilliseconds() / 1000 + expiresIn
    ).json
  }
}
