import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// Alexa hears only what happened: no doorbell for a state that came back, connectivity
/// (not a made-up value) for an unavailable entity, and every property discovery marks
/// `proactivelyReported` really pushed by the Home Assistant package. Events go through
/// the fake event gateway, which validates each against Amazon's schema.
@Suite struct PushTruthTests {
  struct Setup {
    let cloud: FakeAlexaCloud
    let gateway: Gateway
  }

  private func setup() throws -> Setup {
    let cloud = try FakeAlexaCloud()
    return Setup(cloud: cloud, gateway: try NativeHarness.eventsGateway(try FakeHome(), cloud))
  }

  /// Pushes `old` → `new` (nil: no old state) and returns the reply's status.
  private func push(
    _ setup: Setup, _ entityId: String, _ new: String, old: String?, attributes: JSON
  ) throws -> Int {
    let reply = try NativeHarness.answer(
      setup.gateway, AlexaEventsTests.push(entityId, new, attributes: attributes, old: old))
    return reply["statusCode"]?.int ?? 0
  }

  static let doorbell: JSON = [
    "device_class": "doorbell", "event_type": "ring", "event_types": ["ring"],
    "friendly_name": "Front Door",
  ]

  private func ago(_ seconds: Int64) -> String {
    Clock.iso8601(milliseconds: Clock.wallMilliseconds() - seconds * 1000)
  }

  private func names(_ events: [JSON]) -> [String] {
    events.compactMap { $0["message"]?["event"]?["header"]?["name"]?.string }
  }

  // MARK: Doorbells (item 9)

  /// Coming back is connectivity OK (a ChangeReport), never a ring.
  @Test func aDoorbellComingBackOrReloadedIsNotAPress() throws {
    let setup = try setup()
    let pressed = ago(2)
    _ = try push(setup, "event.front_door", pressed, old: "unavailable", attributes: Self.doorbell)
    #expect(
      try push(setup, "event.front_door", pressed, old: nil, attributes: Self.doorbell) == 200)
    #expect(names(try setup.cloud.events()) == ["ChangeReport"])
    #expect(try setup.cloud.events().allSatisfy { $0["verdict"] == 202 })
  }

  @Test func aPressTimeOlderThanThirtySecondsIsNotAPress() throws {
    let setup = try setup()
    #expect(
      try push(setup, "event.front_door", ago(45), old: ago(600), attributes: Self.doorbell) == 200)
    #expect(try setup.cloud.events().isEmpty)
  }

  @Test(arguments: ["unknown", "2026-01-01T00:00:00.000000+00:00"])
  func aFreshPressAfterAKnownStateRings(old: String) throws {
    let setup = try setup()
    let pressed = Clock.iso8601().replacingOccurrences(of: "Z", with: "+00:00")
    #expect(
      try push(setup, "event.front_door", pressed, old: old, attributes: Self.doorbell) == 202)
    let event = try #require(try setup.cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    #expect(names([event]) == ["DoorbellPress"])
  }

  @Test(arguments: [
    ("2026-12-01T14:00:00.123456+00:00", Int64(1_796_133_600_123)),
    ("2026-12-01T15:00:00+01:00", 1_796_133_600_000), ("2026-12-01T14:00:00Z", 1_796_133_600_000),
    ("2024-02-29T23:59:59.9-00:30", 1_709_252_999_900),
  ])
  func homeAssistantsTimestampsAreRead(text: String, milliseconds: Int64) {
    #expect(Timestamp.milliseconds(text) == milliseconds)
  }

  @Test(arguments: [
    "", "unknown", "2026-13-01T00:00:00Z", "2026-12-01T14:00:00", "2026-12-01T14:00:00+0",
  ])
  func anythingElseIsNoTimestamp(text: String) {
    #expect(Timestamp.milliseconds(text) == nil)
  }

  // MARK: Unavailable is connectivity (item 10)

  static let door: JSON = ["device_class": "door", "friendly_name": "Front Door"]

  @Test func anEntityBecomingUnavailableReportsConnectivityAlone() throws {
    let setup = try setup()
    #expect(
      try push(setup, "binary_sensor.front_door", "unavailable", old: "on", attributes: Self.door)
        == 202)
    let event = try #require(try setup.cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    let changed = FakeAlexaCloud.changed(event)
    #expect(changed.map { $0["name"] } == ["connectivity"])
    #expect(changed.first?["value"]?["value"] == "UNREACHABLE")
    #expect(!JSONWriter().string(event["message"] ?? .null).contains("detectionState"))
  }

  @Test func anEntityComingBackReportsConnectivityAndItsRealValues() throws {
    let setup = try setup()
    #expect(
      try push(setup, "binary_sensor.front_door", "on", old: "unavailable", attributes: Self.door)
        == 202)
    let event = try #require(try setup.cloud.events().first)
    #expect(event["verdict"] == 202, "\(event)")
    let changed = FakeAlexaCloud.changed(event)
    #expect(Set(changed.compactMap { $0["name"]?.string }) == ["connectivity", "detectionState"])
    #expect(changed.first { $0["name"] == "detectionState" }?["value"] == "DETECTED")
    #expect(changed.first { $0["name"] == "connectivity" }?["value"]?["value"] == "OK")
    #expect(
      try push(
        setup, "binary_sensor.front_door", "unavailable", old: "unavailable", attributes: Self.door)
        == 200, "still unavailable: nothing changed")
  }

  // MARK: What discovery marks is what is pushed (item 12)

  /// Every property discovery marks `proactivelyReported` on a demo endpoint is one the
  /// push path's reader reports, for that entity or (a light that is off has no
  /// brightness now) another demo entity; scenes and scripts mark nothing, EndpointHealth
  /// included.
  @Test func everyMarkedPropertyIsReported() throws {
    let filter = EntityFilter(try HomeAssistantSettings(environment: [:]))
    let reply = Discovery.response(
      states: DemoStates.all, filter: filter,
      logger: Logger(sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor()),
      proactive: true)
    let endpoints = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    #expect(endpoints.count > 50)
    func key(_ namespace: JSON?, _ instance: JSON?, _ name: JSON?) -> String {
      "\(namespace?.string ?? "")/\(instance?.string ?? "")/\(name?.string ?? "")"
    }
    let time = AlexaMessage.now()
    // Every demo fan is off: one running, with a speed and a preset, too.
    let running = DemoStates.all.filter { $0["entity_id"]?.string?.hasPrefix("fan.") == true }
      .map { fan in
        DemoStates.variant(
          fan, state: "on",
          attributes: [
            ("percentage", 50), ("preset_mode", fan["attributes"]?["preset_modes"]?[0] ?? .null),
          ])
      }
    // Every demo button is unpressed: one pressed, too.
    let pressed = DemoStates.all.filter { $0["entity_id"]?.string?.contains("button.") == true }
      .map { DemoStates.variant($0, state: Clock.iso8601(), attributes: []) }
    let reported = Set(
      (DemoStates.all + running + pressed).compactMap(Entity.init)
        .flatMap { DiscoveryTable.properties(of: $0, at: time) }
        .map { key($0["namespace"], $0["instance"], $0["name"]) })
    for endpoint in endpoints {
      let endpointId = endpoint["endpointId"]?.string ?? ""
      var marked: Set<String> = []
      for capability in endpoint["capabilities"]?.array ?? []
      where capability["properties"]?["proactivelyReported"] == true {
        for name in capability["properties"]?["supported"]?.array ?? [] {
          marked.insert(key(capability["interface"], capability["instance"], name["name"]))
        }
      }
      #expect(marked.isSubset(of: reported), "\(endpointId): \(marked.subtracting(reported))")
      if ["scene", "script"].contains(String(endpointId.prefix { $0 != "#" })) {
        #expect(marked.isEmpty, "\(endpointId) is not pushed")
      }
    }
  }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The package's lists, read from its template.
  private func packageList(_ name: String) throws -> JSON {
    let package = try String(
      contentsOf: Self.repository.appendingPathComponent("home-assistant/lee_alexa_events.yaml"),
      encoding: .utf8)
    let start = try #require(package.range(of: "{% set \(name) = "))
    let end = try #require(package.range(of: " %}", range: start.upperBound..<package.endIndex))
    let text = package[start.upperBound..<end.lowerBound].replacingOccurrences(of: "'", with: "\"")
    return try JSONParser.parse(text)
  }

  @Test func thePackagePushesExactlyWhatDiscoveryMarks() throws {
    func pushed(_ profile: DiscoveryTable.Profile) -> Bool {
      profile.capabilities.contains {
        $0.0.interface.isPushed && !($0.0.interface is EndpointHealth)
      }
    }
    var domains: Set<String> = []
    var classes: [String: Set<String>] = [:]
    var categorised: Set<String> = []
    var units: [String: Set<String>] = [:]
    for (domain, rule) in DiscoveryTable.rules {
      if let standard = rule.standard {
        if pushed(standard) { domains.insert(domain) }
        continue
      }
      let byClass = Set(rule.byDeviceClass.filter { pushed($0.value) }.keys)
      if !byClass.isEmpty { classes[domain] = byClass }
      let byUnit = Set(rule.byUnit.filter { pushed($0.value) }.keys)
      if !byUnit.isEmpty { units[domain] = byUnit }
      if rule.byCategory.values.contains(where: pushed) { categorised.insert(domain) }
    }
    let listedDomains = Set(try packageList("domains").array?.compactMap(\.string) ?? [])
    #expect(listedDomains == domains, "missing: \(domains.subtracting(listedDomains))")
    var listedClasses: [String: Set<String>] = [:]
    for (domain, list) in try packageList("classes").object ?? JSONObject() {
      listedClasses[domain] = Set(list.array?.compactMap(\.string) ?? [])
    }
    #expect(listedClasses == classes)
    var listedUnits: [String: Set<String>] = [:]
    for (domain, list) in try packageList("units").object ?? JSONObject() {
      listedUnits[domain] = Set(list.array?.compactMap(\.string) ?? [])
    }
    #expect(listedUnits == units)
    #expect(Set(try packageList("categorised").array?.compactMap(\.string) ?? []) == categorised)
  }
}
