import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// The owner shapes what Alexa sees: names, descriptions, categories, exposure, globs.
@Suite struct CustomizationTests {
  private func discover(_ states: [JSON], _ environment: [String: String] = [:]) throws -> (
    endpoints: [String: JSON], reply: JSON, log: CapturedLog
  ) {
    let captured = CapturedLog(level: .warn)
    let settings = try HomeAssistantSettings(environment: environment)
    let reply = Discovery.response(
      states: states.map(settings.configured), filter: EntityFilter(settings),
      logger: Logger(sink: captured.log, redactor: Redactor()))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let list: [JSON] = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    let endpoints: [(String, JSON)] = list.map { ($0["endpointId"]?.string ?? "", $0) }
    return (Dictionary(endpoints, uniquingKeysWith: { first, _ in first }), reply, captured)
  }

  static func light(_ id: String, _ attributes: [(String, JSON)] = []) -> JSON {
    DemoStates.variant(DemoStates.state("light.kitchen_lights"), attributes: attributes)
      .replacingEntityId("light.\(id)")
  }

  @Test func attributesNameDescribeCategoriseAndHide() throws {
    let states = [
      Self.light(
        "a",
        [
          ("alexa_name", "Reading lamp"), ("alexa_description", "By the sofa"),
          ("alexa_display_category", "smartplug"),
        ]),
      Self.light("b", [("alexa_hidden", true)]),
      Self.light("c", [("alexa_display_category", "SPACESHIP"), ("friendly_name", "Lamp C")]),
    ]
    let (endpoints, _, log) = try discover(states)
    #expect(endpoints["light#a"]?["friendlyName"] == "Reading lamp")
    #expect(endpoints["light#a"]?["description"] == "By the sofa")
    #expect(endpoints["light#a"]?["displayCategories"] == ["SMARTPLUG"])
    #expect(endpoints["light#b"] == nil, "hidden")
    #expect(
      endpoints["light#c"]?["displayCategories"] == ["LIGHT"], "an unknown category is ignored")
    #expect(log.text.contains("SPACESHIP is not one of Amazon's"))
  }

  @Test func homeAssistantsAttributesWinOverEntityConfig() throws {
    let config =
      #"{"light.a": {"alexa_name": "From config", "alexa_description": "Config"}, "light.b": {"alexa_hidden": true}}"#
    let states = [Self.light("a", [("alexa_name", "From Home Assistant")]), Self.light("b")]
    let (endpoints, _, _) = try discover(states, ["ENTITY_CONFIG": config])
    #expect(endpoints["light#a"]?["friendlyName"] == "From Home Assistant")
    #expect(endpoints["light#a"]?["description"] == "Config")
    #expect(endpoints["light#b"] == nil)
  }

  @Test func entityConfigCanComeFromParameterStore() throws {
    let config = #"{"light.kitchen_lights": {"alexa_name": "From the store"}}"#
    let ssm = try FakeUpstream { request in
      guard request.startLine.contains("ENTITY_CONFIG") else { return .response(400, "Bad") }
      return .response(
        200, "OK", body: JSONWriter().bytes(["Parameter": ["Value": .string(config)]]))
    }
    let home = try FakeHome()
    home.allStates = [DemoStates.state("light.kitchen_lights")]
    let gateway = try NativeHarness.gateway(
      home,
      environment: [
        "USE_PARAMETER_STORE": "true", "SSM_EXTENSION_URL": ssm.url, "AWS_SESSION_TOKEN": "s",
      ])
    let reply = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.Discovery", "Discover", "light#kitchen_lights"))
    #expect(reply["event"]?["payload"]?["endpoints"]?[0]?["friendlyName"] == "From the store")
    _ = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.Discovery", "Discover", "light#kitchen_lights"))
    #expect(ssm.requests.count == 1, "read once per TTL")
  }

  @Test(arguments: [#"[1]"#, #"{"light.a": 1}"#, #"{"light.a": {"name": "x"}}"#, "{"])
  func aBadEntityConfigNamesTheVariable(text: String) {
    #expect {
      _ = try HomeAssistantSettings(environment: ["ENTITY_CONFIG": text])
    } throws: { error in
      (error as? ConfigurationError)?.variable == "ENTITY_CONFIG"
    }
  }

  @Test(arguments: [
    ("CONTACT_SENSOR", "Alexa.ContactSensor"), ("MOTION_SENSOR", "Alexa.MotionSensor"),
    ("DOORBELL", "Alexa.DoorbellEventSource"),
  ])
  func aCategoryGivesABinarySensorItsInterface(category: String, interface: String) throws {
    let sensor: JSON = [
      "entity_id": "binary_sensor.front", "state": "off",
      "attributes": ["friendly_name": "Front", "alexa_display_category": .string(category)],
    ]
    let (endpoints, _, _) = try discover([sensor])
    let endpoint = try #require(endpoints["binary_sensor#front"])
    #expect(endpoint["displayCategories"] == [.string(category)])
    let interfaces = endpoint["capabilities"]?.array?.compactMap { $0["interface"]?.string } ?? []
    #expect(interfaces.contains(interface))
  }

  @Test(
    arguments: [
      ("Kitchen\tLights\u{7}  ", "Kitchen Lights"), ("Büro 2", "Büro 2"), ("💡💡", nil),
      (String(repeating: "a", count: 200), String(repeating: "a", count: 128)),
    ] as [(String, String?)])
  func namesAreCleanedToWhatAlexaAccepts(name: String, spoken: String?) {
    #expect(EntityCustomization.spokenName(name) == spoken)
  }

  @Test func twoEndpointsWithOneSpokenNameAreReported() throws {
    let states = [
      Self.light("a", [("friendly_name", "Lamp")]), Self.light("b", [("friendly_name", "lamp ")]),
    ]
    let (_, _, log) = try discover(states)
    #expect(log.text.contains("are called \\\"lamp\\\""))
    #expect(log.text.contains("alexa_name"))
  }

  @Test(arguments: [
    ("sensor.*_temperature", "sensor.kitchen_temperature", true),
    ("sensor.*_temperature", "sensor.kitchen_humidity", false),
    ("light.garage_*", "light.garage_door", true), ("light.garage_*", "light.garden", false),
    ("*", "anything.at_all", true), ("light.?", "light.a", true), ("light.?", "light.ab", false),
    ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false),
    ("light.kitchen", "light.kitchen", true),
  ])
  func globsMatchAsHomeAssistantsFilterDoes(pattern: String, entityId: String, matches: Bool) {
    #expect(EntityPattern(pattern).matches(entityId) == matches)
  }

  @Test func globFiltersHoldInDiscoveryAndAtControlTime() throws {
    let states = [Self.light("garage_1"), Self.light("garage_2"), Self.light("hall")]
    let environment = ["ALEXA_EXCLUDE_ENTITIES": "light.garage_*"]
    let (endpoints, _, _) = try discover(states, environment)
    #expect(Set(endpoints.keys) == ["light#hall"])
    let home = try FakeHome()
    home.states["light.garage_1"] = states[0]
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#garage_1"),
      environment: environment)
    #expect(reply["event"]?["payload"]?["type"] == "NO_SUCH_ENDPOINT")
    #expect(home.upstream.requests.isEmpty)
  }

  @Test func aHiddenEntityIsRefusedAtControlTime() throws {
    let home = try FakeHome()
    home.states["light.a"] = Self.light("a", [("alexa_hidden", true)])
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#a"))
    #expect(reply["event"]?["payload"]?["type"] == "NO_SUCH_ENDPOINT")
    #expect(home.serviceCalls.isEmpty)
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }
}

extension JSON {
  /// The same state under another entity id.
  func replacingEntityId(_ entityId: String) -> JSON {
    guard var object = self.object else { return self }
    object["entity_id"] = .string(entityId)
    return .object(object)
  }
}

/// "Alexa, set the fan speed to 3": a fan's percentage as numbered speeds.
@Suite struct FanSpeedTests {
  static let fan = DemoStates.variant(
    DemoStates.state("fan.living_room_fan"), state: "on", attributes: [("percentage", 33)])

  @Test func fansAreOfferedNumberedSpeedsWithPresets() throws {
    let reply = Discovery.response(
      states: [Self.fan], filter: EntityFilter(try HomeAssistantSettings(environment: [:])),
      logger: Logger(sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor()))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let capabilities = reply["event"]?["payload"]?["endpoints"]?[0]?["capabilities"]?.array ?? []
    let speed = try #require(capabilities.first { $0["instance"] == "fan.percentage" })
    #expect(speed["interface"] == "Alexa.RangeController")
    let configuration = speed["configuration"]
    #expect(
      configuration?["supportedRange"] == ["minimumValue": 0, "maximumValue": 3, "precision": 1])
    #expect(configuration?["unitOfMeasure"] == nil, "speeds have no unit")
    #expect(configuration?["presets"]?.array?.map { $0["rangeValue"] } == [1, 2, 3])
    let names = speed["capabilityResources"]?["friendlyNames"]?.array ?? []
    #expect(names.contains { $0["value"]?["assetId"] == "Alexa.Setting.FanSpeed" })
  }

  @Test(arguments: [
    ("SetRangeValue", ["rangeValue": 3] as JSON, 100.0),
    ("SetRangeValue", ["rangeValue": 1] as JSON, 33.0),
    ("AdjustRangeValue", ["rangeValueDelta": 1] as JSON, 67.0),
  ])
  func speedsBecomePercentages(name: String, payload: JSON, percentage: Double) throws {
    let home = try FakeHome()
    home.states["fan.living_room_fan"] = Self.fan
    home.changed = [Self.fan]
    let reply = try NativeHarness.run(
      home,
      NativeHarness.directive(
        "Alexa.RangeController", name, "fan#living_room_fan", payload: payload,
        instance: "fan.percentage"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    #expect(home.serviceCalls.last?.0 == "/api/services/fan/set_percentage")
    #expect(home.serviceCalls.last?.1["percentage"]?.number == percentage)
    #expect(NativeHarness.properties(reply)["rangeValue"] == 1, "33 % reported as speed 1")
  }
}

/// Descriptions that say where an entity is, from one template call per discovery.
@Suite struct AreaDescriptionTests {
  private func discover(_ gateway: Gateway) throws -> [String: JSON] {
    let reply = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.Discovery", "Discover", "light#kitchen_lights"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let list: [JSON] = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    return Dictionary(
      list.map { ($0["endpointId"]?.string ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  private func home(template: String?) throws -> FakeHome {
    let home = try FakeHome()
    home.template = template
    home.allStates = [
      DemoStates.state("light.kitchen_lights"),
      DemoStates.variant(
        DemoStates.state("light.bed_light"), attributes: [("alexa_description", "Mine")]),
    ]
    return home
  }

  private func templateCalls(_ home: FakeHome) -> Int {
    home.upstream.requests.filter { $0.requestLine?.target == "/api/template" }.count
  }

  @Test func anAreaGoesIntoTheDescriptionAndTheOwnersOwnWins() throws {
    let home = try home(
      template: #"[["light.kitchen_lights", "Kitchen"], ["light.bed_light", "Bedroom"]]"#)
    let gateway = try NativeHarness.gateway(home)
    let endpoints = try discover(gateway)
    #expect(
      endpoints["light#kitchen_lights"]?["description"] == "Kitchen · light via Home Assistant")
    #expect(endpoints["light#bed_light"]?["description"] == "Mine")
    _ = try discover(gateway)
    #expect(templateCalls(home) == 1, "one call, then the cache")
  }

  @Test func aHomeWithoutAreasIsAskedOnce() throws {
    let home = try home(template: "[]")
    let gateway = try NativeHarness.gateway(home)
    let endpoints = try discover(gateway)
    #expect(
      endpoints["light#kitchen_lights"]?["description"]
        == "Kitchen Lights (light) via Home Assistant")
    _ = try discover(gateway)
    #expect(templateCalls(home) == 1)
  }

  @Test func aFailingTemplateCostsOnlyTheArea() throws {
    let home = try home(template: nil)
    let endpoints = try discover(try NativeHarness.gateway(home))
    #expect(endpoints.count == 2)
  }
}
