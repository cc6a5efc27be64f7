import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import TestSupport
import Testing

/// Alexa hears from the real demo Home Assistant: its package pushes each change to the
/// function's URL, and the fake event gateway receives schema-valid events with the
/// grant's token. Serialized: one Function URL on the demo's push port. Uses
/// light.living_room_rgbww_lights, binary_sensor.movement_backyard, lock.garden_gate and
/// lock.stuck_gate (whose bolt starts moving and never arrives), which no other suite
/// changes.
@Suite(
  .serialized,
  .enabled(
    if: DemoHomeAssistant.url != nil && DemoEvents.pushURL != nil,
    "needs scripts/test.sh's demo Home Assistant and its push URL"))
struct DemoEventsTests {
  static let light = "light.living_room_rgbww_lights"

  private func toggle(_ entityId: String) throws -> UInt64 {
    let started = Clock.monotonicNanoseconds()
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/services/homeassistant/toggle", ["entity_id": .string(entityId)])
    return started
  }

  @Test func aLightChangedInHomeAssistantReachesTheGatewayWithinASecond() throws {
    let events = try DemoEvents()
    #expect(try events.acceptGrant()["event"]?["header"]?["name"] == "AcceptGrant.Response")
    let since = try toggle(Self.light)
    let seen = try #require(
      try events.awaitEvent("ChangeReport", for: "light#living_room_rgbww_lights", since: since))
    #expect(seen.event["verdict"] == 202, "the fake gateway's schema verdict: \(seen.event)")
    #expect(seen.event["token"] == "Atza|access-1")
    #expect(seen.milliseconds < 1000, "pushed in \(seen.milliseconds) ms")
    print("Home Assistant change to the event gateway: \(seen.milliseconds) ms")
    let changed = FakeAlexaCloud.changed(seen.event)
    #expect(changed.contains { $0["name"] == "powerState" })
  }

  @Test func theMotionSensorIsAChangeReportOfItsDetectionState() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    let sensor = "binary_sensor.movement_backyard"
    let before = try DemoHomeAssistant.read(sensor)
    let flipped = before["state"] == "on" ? "off" : "on"
    let since = Clock.monotonicNanoseconds()
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/states/\(sensor)",
      ["state": .string(flipped), "attributes": before["attributes"] ?? [:]])
    let seen = try #require(
      try events.awaitEvent("ChangeReport", for: "binary_sensor#movement_backyard", since: since))
    #expect(seen.event["verdict"] == 202, "\(seen.event)")
    let changed = FakeAlexaCloud.changed(seen.event)
    #expect(changed.first?["name"] == "detectionState")
    #expect(changed.first?["value"] == (flipped == "on" ? "DETECTED" : "NOT_DETECTED"))
  }

  @Test func anAttributeNoAlexaPropertyReflectsSendsNothing() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    var state = try DemoHomeAssistant.read(Self.light).object ?? JSONObject()
    let original: JSON = .object(state)
    var attributes = state["attributes"]?.object ?? JSONObject()
    attributes["lee_test_marker"] = .string(UUID().uuidString)
    state["attributes"] = .object(attributes)
    _ = try DemoHomeAssistant.rest("POST", "/api/states/\(Self.light)", .object(state))
    defer { _ = try? DemoHomeAssistant.rest("POST", "/api/states/\(Self.light)", original) }
    Thread.sleep(forTimeInterval: 1.0)
    #expect(try events.events(for: "light#living_room_rgbww_lights").isEmpty)
  }

  @Test func aDoorbellPressIsADoorbellPress() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    // A real event entity has a state before its first press (a new one has none).
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/states/event.lee_front_doorbell",
      ["state": "unknown", "attributes": ["device_class": "doorbell"]])
    let since = Clock.monotonicNanoseconds()
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/states/event.lee_front_doorbell",
      [
        "state": .string(Clock.iso8601()),
        "attributes": [
          "device_class": "doorbell", "event_type": "ring", "event_types": ["ring"],
          "friendly_name": "Front Doorbell",
        ],
      ])
    defer { _ = try? DemoHomeAssistant.rest("DELETE", "/api/states/event.lee_front_doorbell") }
    let seen = try #require(
      try events.awaitEvent("DoorbellPress", for: "event#lee_front_doorbell", since: since))
    #expect(seen.event["verdict"] == 202, "\(seen.event)")
  }

  @Test func aSlowLockIsDeferredThenReportedOnceItHasMoved() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    for (name, final) in [("Lock", "LOCKED"), ("Unlock", "UNLOCKED")] {
      let reply = try events.invoke(
        try JSONParser.parse(
          Directive.make("Alexa.LockController", name, endpoint: "lock#garden_gate")))
      #expect(reply["event"]?["header"]?["name"] == "DeferredResponse", "\(reply)")
      // The reply left before the bolt had moved: the final Response is not out yet.
      #expect(try events.awaitResponse(lockState: final, seconds: 0.01) == nil)
      let seen = try #require(try events.awaitResponse(lockState: final))
      #expect(seen["verdict"] == 202, "\(seen)")
      #expect(seen["message"]?["event"]?["header"]?["correlationToken"] == "corr")
    }
  }

  /// The stuck gate back where it started, for the next test.
  private func unstick() throws {
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/services/input_select/select_option",
      ["entity_id": "input_select.stuck_gate_bolt", "option": "unlocked"])
  }

  @Test func aLockThatNeverArrivesIsNeverReportedLocked() throws {
    let events = try DemoEvents(timeout: 5)
    _ = try events.acceptGrant()
    defer { try? unstick() }
    let reply = try events.invoke(
      try JSONParser.parse(
        Directive.make("Alexa.LockController", "Lock", endpoint: "lock#stuck_gate")))
    #expect(reply["event"]?["header"]?["name"] == "DeferredResponse", "\(reply)")
    let final = try #require(try events.awaitErrorResponse(for: "lock#stuck_gate"))
    #expect(final["verdict"] == 202, "the fake gateway's schema verdict: \(final)")
    #expect(final["message"]?["event"]?["payload"]?["type"] == "ENDPOINT_BUSY")
    #expect(final["message"]?["event"]?["header"]?["correlationToken"] == "corr")
    #expect(try events.awaitResponse(lockState: "LOCKED", seconds: 0.1) == nil)
  }

  /// An event gateway that never answers: the work after the reply ends before the
  /// function's deadline, so Lambda never times the environment out and the next event
  /// finds it warm.
  @Test func aSilentGatewayNeverTimesTheFunctionOut() throws {
    let events = try DemoEvents(timeout: 5)
    _ = try events.acceptGrant()
    defer { try? unstick() }
    try events.cloud.script(["silent": true])
    let reply = try events.invoke(
      try JSONParser.parse(
        Directive.make("Alexa.LockController", "Lock", endpoint: "lock#stuck_gate")))
    #expect(reply["event"]?["header"]?["name"] == "DeferredResponse", "\(reply)")
    let next = events.lambda.invoke(JSONWriter().bytes(["action": "ping"]))
    #expect(!next.isError, "\(String(decoding: next.body, as: UTF8.self))")
    #expect(next.initDurationMilliseconds == nil, "the environment stayed warm")
    #expect(!events.log.contains("Task timed out"))
    #expect(try events.cloud.events().contains { $0["verdict"] == "silent" })
  }

  /// A doorbell that drops off the network and comes back restores its last press time:
  /// that is connectivity, never a second ring.
  @Test func aDoorbellComingBackDoesNotRingAgain() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    let doorbell = "event.lee_back_doorbell"
    let attributes: JSON = [
      "device_class": "doorbell", "event_type": "ring", "event_types": ["ring"],
      "friendly_name": "Back Doorbell",
    ]
    defer { _ = try? DemoHomeAssistant.rest("DELETE", "/api/states/\(doorbell)") }
    let pressed = Clock.iso8601()
    let since = Clock.monotonicNanoseconds()
    for state in ["unknown", pressed, "unavailable", pressed] {
      _ = try DemoHomeAssistant.rest(
        "POST", "/api/states/\(doorbell)", ["state": .string(state), "attributes": attributes])
      Thread.sleep(forTimeInterval: 0.3)
    }
    #expect(
      try events.awaitEvent("DoorbellPress", for: "event#lee_back_doorbell", since: since) != nil)
    let health = try #require(
      try events.awaitEvent("ChangeReport", for: "event#lee_back_doorbell", since: since))
    let changed = FakeAlexaCloud.changed(health.event)
    #expect(changed.first?["name"] == "connectivity", "\(health.event)")
    Thread.sleep(forTimeInterval: 0.5)
    let seen = try events.events(for: "event#lee_back_doorbell")
    #expect(seen.allSatisfy { $0["verdict"] == 202 }, "\(seen)")
    let names = seen.compactMap { $0["message"]?["event"]?["header"]?["name"]?.string }
    #expect(names.filter { $0 == "DoorbellPress" }.count == 1, "\(names)")
  }

  @Test func aColdStartReadsTheStoredGrant() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    try events.restart()
    let since = try toggle(Self.light)
    let seen = try #require(
      try events.awaitEvent("ChangeReport", for: "light#living_room_rgbww_lights", since: since))
    #expect(seen.event["token"] == "Atza|access-1")
    #expect(try events.cloud.log().filter { $0["kind"] == "token" }.count == 1, "no new exchange")
  }

  @Test func aRevokedGrantShowsInHealthAndTellsTheOwner() throws {
    let events = try DemoEvents()
    _ = try events.acceptGrant()
    try events.cloud.script(["gateway": [403]])
    let since = try toggle(Self.light)
    _ = try events.awaitEvent("ChangeReport", for: "light#living_room_rgbww_lights", since: since)
    let health = try events.invoke(["action": "health"])
    #expect(health["checks"]?["alexaEvents"]?["grant"] == "revoked", "\(health)")
    let notification = try DemoEvents.notifications().first {
      $0["notification_id"] == "lee_alexa_events"
    }
    #expect(notification?["message"]?.string?.contains("Re-enable the skill") == true)
    _ = try DemoHomeAssistant.rest(
      "POST", "/api/services/persistent_notification/dismiss",
      ["notification_id": "lee_alexa_events"])
  }

  @Test func aPushWithAWrongSecretGets401() throws {
    let events = try DemoEvents()
    let response = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(
        method: "POST", url: DemoEvents.pushURL!,
        headers: [("Authorization", "Bearer not-the-secret-but-long-enough-to-be-one")],
        body: Array(#"{"entity_id":"light.x","new_state":{"state":"on"}}"#.utf8)),
      timeoutMilliseconds: 5000)
    #expect(response.status == 401)
    #expect(try JSONParser.parse(response.body) == ["error": "unauthorized"])
    #expect(try events.cloud.log().isEmpty)
  }
}
