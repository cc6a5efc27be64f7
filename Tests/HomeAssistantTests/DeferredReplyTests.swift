import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// A slow lock with events on: DeferredResponse at once, the final Response (or an
/// ErrorResponse when it jams) to the fake event gateway after the reply, carrying the
/// directive's correlation token; every message checked against Amazon's schema.
@Suite struct DeferredReplyTests {
  private func lockingHome(endingIn final: String) throws -> FakeHome {
    let home = try FakeHome()
    let door = DemoStates.state("lock.front_door")
    home.changed = [DemoStates.variant(door, state: "locking", attributes: [])]
    home.stateSequence["lock.front_door"] = [
      DemoStates.variant(door, state: "unlocked", attributes: []),  // what discovery offers it
      DemoStates.variant(door, state: "locking", attributes: []),
    ]
    // Every later read: where it ended up (or, for "locking", a lock that never locks).
    home.states["lock.front_door"] = DemoStates.variant(door, state: final, attributes: [])
    return home
  }

  /// The directive's reply, then (like the runtime loop) the work after it; with the wall
  /// time that work ended and the invocation's deadline.
  private func lock(
    _ home: FakeHome, _ environment: [String: String], budget: Int64 = 10_000,
    cloud: FakeAlexaCloud? = nil
  ) throws -> (reply: JSON, endedAt: Int64, deadline: Int64) {
    let gateway = try NativeHarness.gateway(home, environment: environment)
    if environment["ALEXA_CLIENT_ID"] != nil {
      _ = try NativeHarness.answer(gateway, FakeAlexaCloud.acceptGrant)
    }
    if let cloud { try cloud.script(["silent": true]) }
    let deadline = Clock.wallMilliseconds() + budget
    let invocation = Invocation(
      requestId: "r", deadlineMilliseconds: deadline,
      body: JSONWriter().bytes(
        NativeHarness.directive("Alexa.LockController", "Lock", "lock#front_door")))
    let reply = try JSONParser.parse(try gateway.handle(invocation))
    gateway.finishAfterReply(invocation)
    return (reply, Clock.wallMilliseconds(), deadline)
  }

  @Test func aLockStillMovingWhenTimeRunsOutIsNeverReportedLocked() throws {
    let home = try lockingHome(endingIn: "locking")
    let cloud = try FakeAlexaCloud()
    let (reply, _, _) = try lock(home, cloud.environment, budget: 4000)
    #expect(reply["event"]?["header"]?["name"] == "DeferredResponse")
    let event = try #require(try cloud.events().first)
    #expect(event["verdict"] == 202, "the fake gateway's schema verdict: \(event)")
    #expect(event["message"]?["event"]?["header"]?["name"] == "ErrorResponse")
    #expect(event["message"]?["event"]?["payload"]?["type"] == "ENDPOINT_BUSY")
    #expect(event["message"]?["event"]?["header"]?["correlationToken"] == "ct")
  }

  /// A gateway that never answers: the work after the reply still ends before the
  /// deadline, with the margin the runtime needs to ask for the next event.
  @Test func workAfterTheReplyEndsBeforeTheDeadlineWhateverTheGatewayDoes() throws {
    let home = try lockingHome(endingIn: "locked")
    let cloud = try FakeAlexaCloud()
    let (reply, endedAt, deadline) = try lock(
      home, cloud.environment, budget: 4000, cloud: cloud)
    #expect(reply["event"]?["header"]?["name"] == "DeferredResponse")
    #expect(try cloud.events().first?["verdict"] == "silent")
    #expect(endedAt <= deadline - 250, "ended \(deadline - endedAt) ms before the deadline")
  }

  @Test func aSlowLockIsDeferredThenReportedWhenItSettles() throws {
    let home = try lockingHome(endingIn: "locked")
    let cloud = try FakeAlexaCloud()
    let (reply, _, _) = try lock(home, cloud.environment)
    #expect(reply["event"]?["header"]?["name"] == "DeferredResponse")
    #expect(reply["event"]?["header"]?["correlationToken"] == "ct")
    #expect((reply["event"]?["payload"]?["estimatedDeferralInSeconds"]?.int ?? 0) >= 1)
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let event = try #require(try cloud.events().first)
    #expect(event["verdict"] == 202, "the fake gateway's schema verdict: \(event)")
    let final = event["message"]
    #expect(final?["event"]?["header"]?["name"] == "Response")
    #expect(final?["event"]?["header"]?["correlationToken"] == "ct")
    #expect(final?["event"]?["endpoint"]?["endpointId"] == "lock#front_door")
    let lockState = final?["context"]?["properties"]?.array?.first { $0["name"] == "lockState" }
    #expect(lockState?["value"] == "LOCKED")
  }

  @Test func aLockThatJamsEndsInAnErrorResponse() throws {
    let home = try lockingHome(endingIn: "jammed")
    let cloud = try FakeAlexaCloud()
    _ = try lock(home, cloud.environment)
    let event = try #require(try cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    #expect(event["message"]?["event"]?["header"]?["name"] == "ErrorResponse")
    #expect(event["message"]?["event"]?["payload"]?["type"] == "HARDWARE_MALFUNCTION")
  }

  @Test func withoutEventsTheLockIsAnsweredOnceSettledAsBefore() throws {
    let home = try lockingHome(endingIn: "locked")
    let (reply, _, _) = try lock(home, [:])
    #expect(reply["event"]?["header"]?["name"] == "Response")
    #expect(NativeHarness.properties(reply)["lockState"] == "LOCKED")
  }

  @Test func withEventsButNoGrantTheLockIsAnsweredOnceSettled() throws {
    let home = try lockingHome(endingIn: "locked")
    let cloud = try FakeAlexaCloud()
    let gateway = try NativeHarness.gateway(home, environment: cloud.environment)
    let reply = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.LockController", "Lock", "lock#front_door"))
    #expect(reply["event"]?["header"]?["name"] == "Response")
    #expect(try cloud.events().isEmpty)
  }
}
