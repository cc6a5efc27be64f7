import Engine
import Foundation
import JSONCore
import LambdaRuntime
import Testing

@testable import HomeAssistant

/// Amazon's discovery rules beyond the schema, and what they found in our discovery:
/// covers with two opening axes, the 300-endpoint cap, climate power, temperature units,
/// display categories. Every discovery here also passes Amazon's schema.
@Suite struct DiscoveryRulesTests {
  static var logger: Logger {
    Logger(sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor())
  }

  static func state(_ entityId: String, _ state: String = "on", _ attributes: JSON = [:]) -> JSON {
    var attributes = attributes.object ?? JSONObject()
    if attributes["friendly_name"] == nil {
      attributes["friendly_name"] = .string(
        String(entityId.split(separator: ".").last ?? "").replacingOccurrences(of: "_", with: " "))
    }
    return [
      "entity_id": .string(entityId), "state": .string(state), "attributes": .object(attributes),
    ]
  }

  private func discover(_ states: [JSON]) throws -> JSON {
    let filter = EntityFilter(try HomeAssistantSettings(environment: [:]))
    let reply = Discovery.response(states: states, filter: filter, logger: Self.logger)
    #expect(try AlexaSchema.problems([reply]) == [nil], "schema and Amazon's rules")
    return reply
  }

  private func endpoints(_ reply: JSON) -> [String: JSON] {
    var byId: [String: JSON] = [:]
    for endpoint in reply["event"]?["payload"]?["endpoints"]?.array ?? [] {
      byId[endpoint["endpointId"]?.string ?? ""] = endpoint
    }
    return byId
  }

  private func capabilities(_ endpoint: JSON?) -> [JSON] {
    (endpoint?["capabilities"]?.array ?? []).map(\.resolved)
  }

  // MARK: The rules themselves

  static func response(_ endpoints: [JSON]) -> JSON {
    ["event": ["payload": ["endpoints": .array(endpoints)]]]
  }

  static func endpoint(_ id: String, capabilities: [JSON] = [], category: String = "LIGHT")
    -> JSON
  {
    [
      "endpointId": .string(id), "friendlyName": "Lamp", "description": "Lamp via Home Assistant",
      "manufacturerName": "Home Assistant", "displayCategories": [.string(category)],
      "capabilities": .array(
        [["type": "AlexaInterface", "interface": "Alexa", "version": "3"]] + capabilities),
    ]
  }

  static func range(_ instance: String, semantics: JSON? = nil, presets: [Double] = []) -> JSON {
    var entry = JSONObject([
      ("interface", "Alexa.RangeController"), ("instance", .string(instance)),
      (
        "configuration",
        [
          "supportedRange": ["minimumValue": 0, "maximumValue": 100, "precision": 1],
          "presets": .array(presets.map { ["rangeValue": .number($0)] }),
        ]
      ),
    ])
    if let semantics { entry["semantics"] = semantics }
    return .object(entry)
  }

  static let openClose: JSON = [
    "actionMappings": [["actions": ["Alexa.Actions.Open", "Alexa.Actions.Raise"]]],
    "stateMappings": [["states": ["Alexa.States.Open"]]],
  ]

  @Test func eachRuleFindsItsProblem() {
    let cases: [(JSON, String)] = [
      (Self.response([Self.endpoint("a"), Self.endpoint("a")]), "unique endpointId"),
      (Self.response([Self.endpoint("light.kitchen lamp")]), "endpointId characters"),
      (Self.response([Self.endpoint("a", category: "TOASTER")]), "display categories"),
      (
        Self.response([
          Self.endpoint(
            "a",
            capabilities: [
              ["interface": "Alexa.PowerController"], ["interface": "Alexa.PowerController"],
            ])
        ]), "each interface"
      ),
      (
        Self.response([Self.endpoint("a", capabilities: [Self.range("x", presets: [150])])]),
        "presets"
      ),
      (
        Self.response([
          Self.endpoint(
            "a",
            capabilities: [
              [
                "interface": "Alexa.ModeController", "instance": "m",
                "configuration": ["supportedModes": [["value": "A"], ["value": "A"]]],
              ]
            ])
        ]), "each value once"
      ),
      (
        Self.response([
          Self.endpoint(
            "a",
            capabilities: [
              [
                "interface": "Alexa.ToggleController", "instance": "t",
                "capabilityResources": [
                  "friendlyNames": [
                    ["@type": "asset", "value": ["assetId": "Alexa.Setting.Sparkle"]]
                  ]
                ],
              ]
            ])
        ]), "global catalog"
      ),
      (
        Self.response([
          Self.endpoint(
            "a",
            capabilities: [
              Self.range("p", semantics: Self.openClose),
              Self.range("t", semantics: Self.openClose),
            ])
        ]), "actionMappings"
      ),
      (Self.response((0..<301).map { Self.endpoint("e\($0)") }), "at most 300"),
    ]
    for (response, rule) in cases {
      let problems = DiscoveryRules.problems(in: response)
      #expect(problems.contains { $0.rule.contains(rule) }, "\(rule): \(problems)")
    }
    var longName = Self.endpoint("a").object ?? JSONObject()
    longName["friendlyName"] = .string(String(repeating: "x", count: 129))
    #expect(!DiscoveryRules.problems(in: Self.response([.object(longName)])).isEmpty)
    #expect(DiscoveryRules.problems(in: Self.response([Self.endpoint("light#kitchen")])).isEmpty)
  }

  @Test func theValidatorsCategoriesAreAmazonsCurrentList() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/display_categories.json")
    let listed = try JSONParser.parse(Array(try Data(contentsOf: url)))["displayCategories"]
    #expect(Set(listed?.array?.compactMap(\.string) ?? []) == EntityCustomization.displayCategories)
  }

  // MARK: Covers: semantics on one capability

  @Test(arguments: [
    (
      CoverFeature.openAndClose | CoverFeature.setPosition | CoverFeature.setTiltPosition,
      "cover.position"
    ),
    (CoverFeature.openAndClose | CoverFeature.setTiltPosition, "cover.position"),
    (CoverFeature.tiltOpenAndClose | CoverFeature.setTiltPosition, "cover.tilt"),
  ])
  func aCoverMapsOpenAndCloseOnOneCapability(features: Int, owner: String) throws {
    let reply = try discover([
      Self.state(
        "cover.living_room", "open",
        ["supported_features": JSON(features), "current_position": 50, "current_tilt_position": 50])
    ])
    let withSemantics = capabilities(endpoints(reply)["cover#living_room"])
      .filter { $0["semantics"] != nil }.compactMap { $0["instance"]?.string }
    #expect(withSemantics == [owner])
  }

  // MARK: The cap keeps what people control

  @Test func fourHundredEntitiesKeepTheLocksLightsAndSwitches() throws {
    var states: [JSON] = []
    for index in 0..<120 {
      states.append(Self.state("automation.a\(index)"))
      states.append(Self.state("binary_sensor.motion\(index)", "off", ["device_class": "motion"]))
    }
    for index in 0..<60 {
      states.append(Self.state("light.l\(index)", "on", ["supported_color_modes": ["onoff"]]))
      states.append(Self.state("switch.s\(index)"))
    }
    for index in 0..<40 { states.append(Self.state("lock.z\(index)", "locked")) }
    // The last motion sensor by id, pinned in by its owner.
    states.removeAll { $0["entity_id"] == "binary_sensor.motion99" }
    states.append(
      Self.state("binary_sensor.motion99", "off", ["device_class": "motion", "alexa_pinned": true]))
    let kept = Set(endpoints(try discover(states)).keys)
    #expect(kept.count == 300)
    #expect(kept.filter { $0.hasPrefix("lock#") }.count == 40)
    #expect(kept.filter { $0.hasPrefix("light#") }.count == 60)
    #expect(kept.filter { $0.hasPrefix("switch#") }.count == 60)
    #expect(kept.contains("binary_sensor#motion99"), "pinned in")
    #expect(kept.filter { $0.hasPrefix("automation#") }.count == 120)
    #expect(kept.filter { $0.hasPrefix("binary_sensor#") }.count == 20)
    let settings = try HomeAssistantSettings(environment: [:])
    let report = DiscoveryReport.report(states: states, settings, config: [:])
    let dropped = (report["entities"]?.array ?? []).filter { $0["fate"] == "dropped" }
    #expect(dropped.count == 100)
    #expect(dropped.allSatisfy { $0["entityId"]?.string?.hasPrefix("binary_sensor.") == true })
    #expect(dropped.first?["reason"]?.string?.contains("alexa_pinned") == true)
    #expect(report["problems"] == [])
  }

  // MARK: Climate power, temperature units, categories

  @Test(arguments: [
    (ClimateFeature.turnOn | ClimateFeature.targetTemperature, ["heat"], true),
    (ClimateFeature.turnOff, ["heat"], true),
    (ClimateFeature.targetTemperature, ["off", "heat"], true),
    (ClimateFeature.targetTemperature, ["heat", "cool"], false),
  ])
  func aClimateHasPowerByItsFeaturesOrAnOffMode(features: Int, modes: [String], power: Bool) throws
  {
    let reply = try discover([
      Self.state(
        "climate.hall", "heat",
        [
          "supported_features": JSON(features), "hvac_modes": .array(modes.map(JSON.string)),
          "temperature": 20,
          "current_temperature": 19,
        ])
    ])
    let interfaces = capabilities(endpoints(reply)["climate#hall"]).compactMap {
      $0["interface"]?.string
    }
    #expect(interfaces.contains("Alexa.PowerController") == power)
  }

  @Test func sensorsAreTemperatureSensorsByTheirUnitAndKelvinIsCelsius() throws {
    let reply = try discover([
      Self.state("sensor.attic", "21.5", ["unit_of_measurement": "°C"]),
      Self.state("sensor.lab", "293.15", ["unit_of_measurement": "K"]),
      Self.state(
        "sensor.porch", "70", ["unit_of_measurement": "°F", "device_class": "temperature"]),
      Self.state(
        "sensor.humidity", "40", ["unit_of_measurement": "%", "device_class": "humidity"]),
      Self.state("sensor.bare", "4"),
    ])
    #expect(Set(endpoints(reply).keys) == ["sensor#attic", "sensor#lab", "sensor#porch"])
    let lab = try #require(Entity(Self.state("sensor.lab", "293.15", ["unit_of_measurement": "K"])))
    let reading = DiscoveryTable.properties(of: lab, at: "t").first { $0["name"] == "temperature" }
    #expect(reading?["value"] == ["value": 20, "scale": "CELSIUS"])
  }

  @Test func categoriesFollowAmazonsCurrentList() throws {
    let reply = try discover([
      Self.state(
        "vacuum.robot", "docked",
        ["supported_features": JSON(VacuumFeature.start | VacuumFeature.returnHome)]),
      Self.state(
        "water_heater.boiler", "eco",
        [
          "supported_features": JSON(WaterHeaterFeature.onOff), "temperature": 50,
          "current_temperature": 48,
        ]),
      Self.state(
        "cover.velux", "open",
        ["device_class": "window", "supported_features": JSON(CoverFeature.openAndClose)]),
      Self.state("fan.purifier", "on", ["alexa_display_category": "AIR_PURIFIER"]),
    ])
    let categories = endpoints(reply).mapValues { $0["displayCategories"]?[0]?.string ?? "" }
    #expect(
      categories == [
        "vacuum#robot": "VACUUM_CLEANER", "water_heater#boiler": "WATER_HEATER",
        "cover#velux": "EXTERIOR_BLIND", "fan#purifier": "AIR_PURIFIER",
      ])
  }
}
