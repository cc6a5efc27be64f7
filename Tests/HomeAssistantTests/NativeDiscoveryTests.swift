import Engine
import JSONCore
import LambdaRuntime
import Testing

@testable import HomeAssistant

@Suite struct NativeDiscoveryTests {
  private let logger = Logger(
    sink: RuntimeLog(format: .json, threshold: .fatal), redactor: Redactor())

  private func discover(_ states: [JSON], _ environment: [String: String] = [:]) throws -> JSON {
    Discovery.response(
      states: states, filter: EntityFilter(try HomeAssistantSettings(environment: environment)),
      logger: logger)
  }

  private func endpoints(_ reply: JSON) -> [String: JSON] {
    Dictionary(
      uniqueKeysWithValues: (reply["event"]?["payload"]?["endpoints"]?.array ?? []).map {
        ($0["endpointId"]?.string ?? "", $0)
      })
  }

  private func interfaces(_ endpoint: JSON?) -> [String] {
    endpoint?["capabilities"]?.array?.compactMap { $0["interface"]?.string } ?? []
  }

  @Test func theDemoHomeIsDiscoveredSchemaValid() throws {
    let reply = try discover(DemoStates.all)
    #expect(reply["event"]?["header"]?["name"] == "Discover.Response")
    let found = endpoints(reply)
    #expect(found.count >= 30)
    for endpoint in found.values {
      let names = interfaces(endpoint)
      #expect(names.first == "Alexa" && names.last == "Alexa.EndpointHealth", "\(endpoint)")
    }
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func lightsGetCapabilitiesFromTheirColorModes() throws {
    let light = DemoStates.state("light.kitchen_lights")
    let onOff = DemoStates.variant(light, attributes: [("supported_color_modes", ["onoff"])])
    let dimmable = DemoStates.variant(
      light, attributes: [("supported_color_modes", ["brightness"])])
    let white = DemoStates.variant(light, attributes: [("supported_color_modes", ["color_temp"])])
    let color = DemoStates.variant(
      light, attributes: [("supported_color_modes", ["hs", "color_temp"])])
    let expected = [
      ["Alexa", "Alexa.PowerController", "Alexa.EndpointHealth"],
      ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"],
      [
        "Alexa", "Alexa.PowerController", "Alexa.BrightnessController",
        "Alexa.ColorTemperatureController", "Alexa.EndpointHealth",
      ],
      [
        "Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.ColorController",
        "Alexa.ColorTemperatureController", "Alexa.EndpointHealth",
      ],
    ]
    for (state, interfaces) in zip([onOff, dimmable, white, color], expected) {
      #expect(self.interfaces(Discovery.endpoint(for: Entity(state)!)) == interfaces)
    }
    #expect(Discovery.endpoint(for: Entity(light)!)?["displayCategories"] == ["LIGHT"])
  }

  @Test(arguments: [
    ("binary_sensor", "door", "CONTACT_SENSOR", "Alexa.ContactSensor"),
    ("binary_sensor", "motion", "MOTION_SENSOR", "Alexa.MotionSensor"),
    ("switch", "outlet", "SMARTPLUG", "Alexa.PowerController"),
  ])
  func deviceClassesChooseCategoryAndInterface(
    domain: String, deviceClass: String, category: String, interface: String
  ) {
    let state: JSON = [
      "entity_id": .string("\(domain).thing"), "state": "on",
      "attributes": ["device_class": .string(deviceClass)],
    ]
    let endpoint = Discovery.endpoint(for: Entity(state)!)
    #expect(endpoint?["displayCategories"] == [.string(category)])
    #expect(interfaces(endpoint).contains(interface))
  }

  @Test func mediaPlayersGetSpeakerAndPlaybackFromTheirFeatures() {
    let walkman = Discovery.endpoint(for: Entity(DemoStates.state("media_player.walkman"))!)
    #expect(
      interfaces(walkman) == [
        "Alexa", "Alexa.PowerController", "Alexa.Speaker", "Alexa.PlaybackController",
        "Alexa.PlaybackStateReporter", "Alexa.EqualizerController", "Alexa.EndpointHealth",
      ])
    let playback = walkman?["capabilities"]?.array?.first {
      $0["interface"] == "Alexa.PlaybackController"
    }
    #expect(playback?["supportedOperations"] == ["Play", "Pause", "Stop", "Next", "Previous"])
    let tv = Discovery.endpoint(for: Entity(DemoStates.state("media_player.lounge_room"))!)
    #expect(tv?["displayCategories"] == ["TV"] && !interfaces(tv).contains("Alexa.Speaker"))
  }

  @Test func coversGetRangesPerAxisOrAnOpenClosedMode() {
    func controllers(_ id: String) -> [String] {
      (Discovery.endpoint(for: Entity(DemoStates.state(id))!)?["capabilities"]?.array ?? [])
        .compactMap {
          guard let instance = $0["instance"]?.string else { return nil }
          return "\($0["interface"]?.string ?? "")/\(instance)"
        }
    }
    #expect(
      controllers("cover.living_room_window") == [
        "Alexa.RangeController/cover.position", "Alexa.RangeController/cover.tilt",
      ])
    #expect(controllers("cover.pergola_roof") == ["Alexa.RangeController/cover.tilt"])
    #expect(controllers("cover.garage_door") == ["Alexa.ModeController/cover.position"])
    #expect(
      Discovery.endpoint(for: Entity(DemoStates.state("cover.garage_door"))!)?["displayCategories"]
        == ["GARAGE_DOOR"])
  }

  @Test func entitiesAlexaCannotUseAreLeftOut() {
    for state: JSON in [
      ["entity_id": "sensor.humidity", "state": "50", "attributes": ["device_class": "humidity"]],
      [
        "entity_id": "binary_sensor.smoke", "state": "off", "attributes": ["device_class": "smoke"],
      ],
      ["entity_id": "weather.home", "state": "sunny", "attributes": [:]],
      ["entity_id": "fan.simple", "state": "on", "attributes": ["supported_features": 0]],
      ["entity_id": "media_player.radio", "state": "on", "attributes": ["supported_features": 0]],
    ] {
      let endpoint = Discovery.endpoint(for: Entity(state)!)
      if state["entity_id"] == "fan.simple" {
        // Power, and the 0–1 range Alexa needs to switch an on/off-only fan (OnOffFanTests).
        #expect(
          interfaces(endpoint) == [
            "Alexa", "Alexa.PowerController", "Alexa.RangeController", "Alexa.EndpointHealth",
          ])
      } else {
        #expect(endpoint == nil, "\(state)")
      }
    }
  }

  @Test func filtersIncludeAndExclude() throws {
    let onlyLights = endpoints(try discover(DemoStates.all, ["ALEXA_INCLUDE_DOMAINS": "light"]))
    #expect(!onlyLights.isEmpty && onlyLights.keys.allSatisfy { $0.hasPrefix("light#") })
    let withoutKitchen = endpoints(
      try discover(
        DemoStates.all,
        ["ALEXA_INCLUDE_DOMAINS": "light", "ALEXA_EXCLUDE_ENTITIES": "light.kitchen_lights"]))
    #expect(
      withoutKitchen.count == onlyLights.count - 1 && withoutKitchen["light#kitchen_lights"] == nil)
    let plusOne = endpoints(
      try discover(
        DemoStates.all,
        ["ALEXA_INCLUDE_DOMAINS": "light", "ALEXA_INCLUDE_ENTITIES": "lock.front_door"]))
    #expect(plusOne.count == onlyLights.count + 1)
    #expect(
      endpoints(try discover(DemoStates.all, ["ALEXA_EXCLUDE_DOMAINS": "light"])).keys.allSatisfy {
        !$0.hasPrefix("light#")
      })
  }

  @Test func atMost300EndpointsInEntityIdOrder() throws {
    let states: [JSON] = (0..<350).reversed().map { index in
      let id = "switch.plug_\(String(repeating: "0", count: 3 - String(index).count))\(index)"
      return [
        "entity_id": .string(id), "state": "off",
        "attributes": ["friendly_name": .string("Plug \(index)")],
      ]
    }
    let found = try discover(states)["event"]?["payload"]?["endpoints"]?.array ?? []
    #expect(found.count == 300)
    #expect(
      found.first?["endpointId"] == "switch#plug_000"
        && found.last?["endpointId"] == "switch#plug_299")
  }

  @Test func endpointIdsRoundTrip() {
    #expect(Entity.entityId(fromEndpointId: "light#kitchen_lights") == "light.kitchen_lights")
    for bad in ["light.kitchen", "light#", "#x", "light#a#b", "Light#x", "light#x y"] {
      #expect(Entity.entityId(fromEndpointId: bad) == nil, "\(bad)")
    }
  }
}
