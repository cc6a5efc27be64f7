import JSONCore
import TestSupport
import Testing

@testable import HomeAssistant

/// The crafted home (`CraftedHome`) through the real routes, served by a fake Home
/// Assistant: its discovery and every endpoint's state report pass Amazon's schema and its
/// rules beyond the schema, and it covers every domain, device class, unit and interface
/// discovery knows.
@Suite struct CraftedHomeTests {
  @Test func itCoversEveryDomainDeviceClassAndUnitDiscoveryKnows() throws {
    var missing: [String] = []
    let entities = CraftedHome.states.compactMap(Entity.init)
    for (domain, rule) in DiscoveryTable.rules {
      let ofDomain = entities.filter { $0.domain == domain }
      if ofDomain.isEmpty { missing.append(domain) }
      for deviceClass in rule.byDeviceClass.keys
      where !ofDomain.contains(where: {
        $0.deviceClass == deviceClass
      }) {
        missing.append("\(domain) (\(deviceClass))")
      }
      for unit in rule.byUnit.keys
      where !ofDomain.contains(where: {
        $0.attribute("unit_of_measurement")?.string == unit
      }) {
        missing.append("\(domain) in \(unit)")
      }
    }
    #expect(missing.isEmpty, "the crafted home lacks \(missing.sorted())")
    #expect(CraftedHome.states.count >= 250)
  }

  @Test func itsDiscoveryAndEachKindOfStateReportPassAmazonsSchemaAndRules() throws {
    let home = try FakeHome(serving: CraftedHome.states)
    let gateway = try NativeHarness.gateway(home)
    let discovery = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.Discovery", "Discover", "light#any"))
    let endpoints = discovery["event"]?["payload"]?["endpoints"]?.array ?? []
    #expect(endpoints.count > 200 && endpoints.count <= 300, "\(endpoints.count) endpoints")
    // A state report from each distinct kind of endpoint (its interfaces, instances and
    // state): the same kind reports the same properties.
    var messages = [discovery]
    var kinds: Set<String> = []
    for endpoint in endpoints {
      let id = endpoint["endpointId"]?.string ?? ""
      let capabilities = (endpoint["capabilities"]?.array ?? []).map(\.resolved).map {
        ($0["interface"]?.string ?? "") + ($0["instance"]?.string ?? "")
      }
      let state = home.states[EntityId(endpointId: id)?.description ?? ""]?["state"]?.string
      guard kinds.insert("\(capabilities) \(state ?? "")").inserted else { continue }
      messages.append(
        try NativeHarness.answer(gateway, NativeHarness.directive("Alexa", "ReportState", id)))
    }
    let problems = try AlexaSchema.problems(messages)
    for (message, problem) in zip(messages, problems) where problem != nil {
      Issue.record(
        "\(message["event"]?["endpoint"]?["endpointId"] ?? "discovery"): \(problem ?? "")")
    }
    // Only an unavailable entity answers otherwise, and then as Amazon asks.
    for reply in messages.dropFirst() where reply["event"]?["header"]?["name"] != "StateReport" {
      #expect(reply["event"]?["payload"]?["type"] == "ENDPOINT_UNREACHABLE", "\(reply)")
    }
    let announced = Set(
      endpoints.flatMap { endpoint in
        (endpoint["capabilities"]?.array ?? []).map(\.resolved).map { capability in
          (capability["interface"]?.string ?? "")
            + (capability["instance"]?.string.map { ":" + $0 } ?? "")
        }
      })
    let known = Set(AlexaInterfaces.all.map(\.key))
    #expect(
      known.subtracting(announced).isEmpty,
      "never announced: \(known.subtracting(announced).sorted())")
  }

  @Test func theDiscoveryReportFindsNoProblemInIt() throws {
    let report = DiscoveryReport.report(
      states: CraftedHome.states, try HomeAssistantSettings(environment: [:]), config: [:])
    #expect(report["problems"] == [])
    let fates = (report["entities"]?.array ?? []).compactMap { $0["fate"]?.string }
    #expect(!fates.contains("dropped"))
  }
}
