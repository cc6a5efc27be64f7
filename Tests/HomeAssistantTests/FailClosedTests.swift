import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// What the owner keeps in Parameter Store guards the home: the push secret and
/// ENTITY_CONFIG. A stranger's requests cost nothing, and a store that fails never opens
/// anything up. SSM is the botocore-checked fake, with faults injected per parameter.
@Suite struct FailClosedTests {
  static let pushSecret = "a-push-secret-kept-in-parameter-store-0123"
  static let secretName = "/lee/HOME_ASSISTANT_PUSH_SECRET"
  static let configName = "/lee/ENTITY_CONFIG"

  struct Setup {
    let home: FakeHome
    let cloud: FakeAlexaCloud
    let gateway: Gateway
    let log: CapturedLog
  }

  private func setup(
    _ parameters: [String: String], faults: JSON = [:], _ extra: [String: String] = [:]
  ) throws -> Setup {
    let home = try FakeHome()
    home.allStates = [Self.light("kitchen"), Self.light("hall")]
    for state in home.allStates {
      if let id = state["entity_id"]?.string { home.states[id] = state }
    }
    let cloud = try FakeAlexaCloud(parameters: parameters)
    try cloud.ssmFaults(faults)
    let log = CapturedLog(level: .warn)
    let gateway = try NativeHarness.gateway(
      home,
      environment: cloud.environment.merging(["USE_PARAMETER_STORE": "true"]) { $1 }
        .merging(extra) { $1 },
      log: log.log)
    return Setup(home: home, cloud: cloud, gateway: gateway, log: log)
  }

  static func light(_ name: String) -> JSON {
    [
      "entity_id": .string("light.\(name)"), "state": "off",
      "attributes": [
        "friendly_name": .string(name.capitalized), "supported_color_modes": ["onoff"],
      ],
    ]
  }

  private func push(_ setup: Setup, secret: String) throws -> (status: Int, milliseconds: Double) {
    let started = Clock.monotonicNanoseconds()
    let reply = try NativeHarness.answer(
      setup.gateway,
      AlexaEventsTests.push(
        "light.kitchen", "on", attributes: AlexaEventsTests.kitchen, secret: secret))
    return (reply["statusCode"]?.int ?? 0, Double(Clock.monotonicNanoseconds() - started) / 1e6)
  }

  private func errorLines(_ log: CapturedLog, mentioning text: String) -> Int {
    log.text.split(separator: "\n").filter { $0.contains("\"ERROR\"") && $0.contains(text) }.count
  }

  // MARK: The push secret (item 1)

  @Test func aBurstOfStrangersReadsTheSecretOnce() throws {
    let setup = try setup([Self.secretName: Self.pushSecret])
    for _ in 0..<20 {
      #expect(try push(setup, secret: "not-the-secret-but-long-enough-to-be-one").status == 401)
    }
    #expect(try push(setup, secret: "").status == 401)
    #expect(try setup.cloud.reads(of: Self.secretName) == 1)
    _ = try NativeHarness.answer(setup.gateway, FakeAlexaCloud.acceptGrant)
    #expect(try push(setup, secret: Self.pushSecret).status == 202)
    #expect(try setup.cloud.reads(of: Self.secretName) == 1, "remembered for the TTL")
  }

  @Test(arguments: [JSON("hang"), "throttle", "denied", 500])
  func aStoreThatFailsIsAskedOncePerBackOffAndEachRefusalIsQuick(fault: JSON) throws {
    let setup = try setup(
      [Self.secretName: Self.pushSecret], faults: [.init(Self.secretName): fault])
    var slowest = 0.0
    for attempt in 0..<10 {
      let (status, milliseconds) = try push(setup, secret: "stranger-stranger-stranger-stranger")
      #expect(status == 401)
      if attempt > 0 { slowest = max(slowest, milliseconds) }
    }
    #expect(slowest < 100, "refused in \(slowest) ms while backing off")
    #expect(try setup.cloud.reads(of: Self.secretName) == 1)
    #expect(errorLines(setup.log, mentioning: "HOME_ASSISTANT_PUSH_SECRET") == 1)
    // The owner's own pushes wait for the back-off too: no secret, no push.
    #expect(try push(setup, secret: Self.pushSecret).status == 401)
  }

  // MARK: ENTITY_CONFIG (items 8 and 13)

  private func discover(_ setup: Setup) throws -> JSON {
    try NativeHarness.answer(
      setup.gateway, NativeHarness.directive("Alexa.Discovery", "Discover", "light#kitchen"))
  }

  private func endpointIds(_ reply: JSON) -> [String] {
    (reply["event"]?["payload"]?["endpoints"]?.array ?? []).compactMap { $0["endpointId"]?.string }
  }

  private func turnOn(_ setup: Setup, _ endpointId: String) throws -> JSON {
    try NativeHarness.answer(
      setup.gateway, NativeHarness.directive("Alexa.PowerController", "TurnOn", endpointId))
  }

  static let hideKitchen = #"{"light.kitchen": {"alexa_hidden": true}}"#

  @Test(arguments: [JSON("hang"), "throttle", "denied", 500])
  func aStoreThatFailsKeepsTheLastCopy(fault: JSON) throws {
    let setup = try setup([Self.configName: Self.hideKitchen], ["PARAMETER_TTL_SECONDS": "0"])
    #expect(endpointIds(try discover(setup)) == ["light#hall"])
    try setup.cloud.ssmFaults([.init(Self.configName): fault])
    let again = try discover(setup)
    #expect(endpointIds(again) == ["light#hall"], "still hidden: \(again)")
    let control = try turnOn(setup, "light#kitchen")
    #expect(control["event"]?["payload"]?["type"] == "NO_SUCH_ENDPOINT")
    #expect(!setup.home.serviceCalls.contains { $0.0.hasPrefix("/api/services/light") })
    #expect(errorLines(setup.log, mentioning: "ENTITY_CONFIG") == 1)
    #expect(try AlexaSchema.problems([again, control]) == [nil, nil])
  }

  @Test(arguments: [JSON("hang"), "throttle", "denied", 500])
  func withNoCopyNothingIsAnnouncedControlledOrPushed(fault: JSON) throws {
    let setup = try setup(
      [Self.configName: Self.hideKitchen, Self.secretName: Self.pushSecret],
      faults: [.init(Self.configName): fault])
    let discovery = try discover(setup)
    #expect(discovery["event"]?["header"]?["name"] == "ErrorResponse", "\(discovery)")
    #expect(discovery["event"]?["payload"]?["type"] == "INTERNAL_ERROR")
    for endpoint in ["light#kitchen", "light#hall"] {
      let control = try turnOn(setup, endpoint)
      #expect(control["event"]?["payload"]?["type"] == "INTERNAL_ERROR", "\(control)")
    }
    #expect(!setup.home.serviceCalls.contains { $0.0.hasPrefix("/api/services/light") })
    _ = try NativeHarness.answer(setup.gateway, FakeAlexaCloud.acceptGrant)
    #expect(try push(setup, secret: Self.pushSecret).status == 503)
    #expect(try setup.cloud.events().isEmpty)
    #expect(try setup.cloud.reads(of: Self.configName) == 1, "once per back-off period")
    #expect(errorLines(setup.log, mentioning: "ENTITY_CONFIG") == 1, "logged once")
    #expect(try AlexaSchema.problems([discovery]) == [nil])
  }

  @Test func aMissingParameterMeansNoSettings() throws {
    let setup = try setup([:])
    #expect(endpointIds(try discover(setup)) == ["light#hall", "light#kitchen"])
  }

  @Test func aValueOfTheWrongTypeIsAnInitErrorNamingTheEntityAndKey() {
    #expect {
      _ = try HomeAssistantSettings(environment: [
        "ENTITY_CONFIG": #"{"lock.front_door": {"alexa_hidden": "true"}}"#
      ])
    } throws: { error in
      let error = error as? ConfigurationError
      return error?.variable == "ENTITY_CONFIG"
        && "\(error?.problem ?? "")".contains("lock.front_door: alexa_hidden must be true or false")
    }
    #expect(throws: ConfigurationError.self) {
      _ = try HomeAssistantSettings(environment: [
        "ENTITY_CONFIG": #"{"light.a": {"alexa_name": 7}}"#
      ])
    }
  }

  @Test func aValueOfTheWrongTypeInTheStoreFailsClosed() throws {
    let setup = try setup([Self.configName: #"{"light.kitchen": {"alexa_hidden": "true"}}"#])
    let discovery = try discover(setup)
    #expect(discovery["event"]?["payload"]?["type"] == "INTERNAL_ERROR")
    #expect(setup.log.text.contains("alexa_hidden must be true or false"))
  }
}
