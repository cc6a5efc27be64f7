import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Testing

/// Native translation against Home Assistant's own Alexa integration (proxy mode), on the
/// real demo: discovery per entity, and the state each directive leaves behind. It uses
/// entities no other suite changes, since suites run in parallel.
@Suite(
  .serialized,
  .enabled(if: DemoHomeAssistant.url != nil, "needs scripts/test.sh's demo Home Assistant"))
struct DifferentialTests {
  /// Interfaces both must agree on where both expose an endpoint.
  static let core: Set<String> = [
    "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.ColorController",
    "Alexa.ColorTemperatureController",
    "Alexa.LockController", "Alexa.ThermostatController", "Alexa.SceneController",
    "Alexa.TemperatureSensor",
    "Alexa.MotionSensor", "Alexa.Speaker", "Alexa.PlaybackController",
  ]
  /// Core interfaces on which a domain differs on purpose, and why.
  static let coreDifferences: [String: (Set<String>, String)] = [
    "cover": (
      ["Alexa.PlaybackController"],
      "native offers PlaybackController.Stop on covers that can stop (\"Alexa, stop the blinds\"); HA 2024.3 (the demo's) only on valves, newer Home Assistant on covers too"
    ),
    "vacuum": (
      ["Alexa.PowerController"],
      "native also offers power for a vacuum that can start and only stop (off = stop); HA needs turn-off or return-home"
    ),
    "water_heater": (
      ["Alexa.TemperatureSensor"],
      "HA offers a temperature sensor with no reading (current_temperature null); native only with one"
    ),
  ]
  /// Domains native offers and HA 2024.3's Alexa integration does not.
  static let nativeOnly: [String: String] = [
    "select":
      "HA 2024.3 (the demo's) offers neither select nor input_select to Alexa; native offers their options as a ModeController"
  ]
  /// Entities `DemoCustomizationTests` renames and hides while this suite may be running
  /// (suites run in parallel): left out of the comparison.
  static let changedElsewhere: Set<String> = Set(
    [DemoCustomizationTests.renamed, DemoCustomizationTests.hidden].map {
      $0.replacing(".", with: "#")
    })
  /// Endpoints (or domains) only Home Assistant announces, with more than their health.
  static let onlyTheirs: [String: String] = [
    "camera": "a camera stream needs a public URL Alexa can play; outside this skill",
    "media_player#browse":
      "HA 2024.3 gives every player PowerController, even one that can neither turn on nor play (this one only browses); native announces nothing it cannot carry out",
  ]
  /// Differences that are intended, by interface or by domain/interface, with the reason.
  static let intended: [String: String] = [
    "Alexa.EndpointHealth": "native puts EndpointHealth on every endpoint, as the issue asks",
    "fan/Alexa.PercentageController":
      "native offers fan speed as a percentage too, beside the numbered RangeController both have",
    "vacuum/Alexa.ModeController":
      "native offers fan speeds by name (ModeController); HA as numbered RangeController steps",
    "vacuum/Alexa.RangeController":
      "native offers fan speeds by name (ModeController); HA as numbered RangeController steps",
  ]

  private func lambda(_ mode: String) throws -> DemoFunction {
    mode == "proxy" ? try DemoHomeAssistant.proxy() : try DemoHomeAssistant.native()
  }

  private func interfaces(_ reply: JSON) -> [String: Set<String>] {
    var result: [String: Set<String>] = [:]
    for endpoint in reply["event"]?["payload"]?["endpoints"]?.array ?? [] {
      guard let id = endpoint["endpointId"]?.string else { continue }
      result[id] = Set(
        endpoint["capabilities"]?.array?.compactMap { $0["interface"]?.string } ?? [])
    }
    return result
  }

  @Test func discoveryAgreesWithHomeAssistantsOwn() throws {
    let native = try lambda("native")
    let proxy = try lambda("proxy")
    defer {
      native.shutdown()
      proxy.shutdown()
    }
    let ours = interfaces(
      try JSONParser.parse(
        native.invoke(Directive.make("Alexa.Discovery", "Discover", endpoint: nil)).body))
    let theirs = interfaces(
      try JSONParser.parse(
        proxy.invoke(Directive.make("Alexa.Discovery", "Discover", endpoint: nil)).body))
    var table = ["endpoint                          agreement  difference (reason)"]
    var agreeing = 0
    for id in ours.keys.sorted() where !Self.changedElsewhere.contains(id) {
      let mine = ours[id] ?? []
      let domain = String(id.prefix(while: { $0 != "#" }))
      guard let home = theirs[id] else {
        #expect(Self.nativeOnly[domain] != nil, "\(id) is not in Home Assistant's discovery")
        table.append(
          id.padding(toLength: 34, withPad: " ", startingAt: 0) + "native only "
            + (Self.nativeOnly[domain] ?? ""))
        continue
      }
      let allowed = Self.coreDifferences[domain]
      #expect(
        mine.intersection(Self.core).subtracting(allowed?.0 ?? [])
          == home.intersection(Self.core).subtracting(allowed?.0 ?? []),
        "core interfaces of \(id)")
      let differences = mine.symmetricDifference(home).sorted()
      if differences.isEmpty { agreeing += 1 }
      let explained = differences.map { interface in
        let reason =
          (allowed?.0.contains(interface) == true ? allowed?.1 : nil)
          ?? Self.intended["\(domain)/\(interface)"] ?? Self.intended[interface]
        #expect(reason != nil, "\(id): \(interface) differs without a reason")
        return "\(interface) (\(reason ?? "unexplained"))"
      }
      table.append(
        id.padding(toLength: 34, withPad: " ", startingAt: 0)
          + (differences.isEmpty ? "same" : "differs   ")
          + explained.joined(separator: "; "))
    }
    let onlyTheirs = Set(theirs.keys).subtracting(ours.keys).subtracting(Self.changedElsewhere)
      .sorted()
    // Every other endpoint only Home Assistant announces carries nothing but its health,
    // unless `onlyTheirs` says why native leaves it out.
    for id in onlyTheirs {
      let domain = String(id.prefix(while: { $0 != "#" }))
      let reason = Self.onlyTheirs[id] ?? Self.onlyTheirs[domain]
      let healthOnly = theirs[id, default: []].isSubset(of: ["Alexa", "Alexa.EndpointHealth"])
      #expect(healthOnly || reason != nil, "\(id): \(theirs[id, default: []].sorted())")
      table.append(
        id.padding(toLength: 34, withPad: " ", startingAt: 0) + "HA only    "
          + (reason ?? "nothing but its health"))
    }
    let compared = Set(ours.keys).subtracting(Self.changedElsewhere).count
    table.append("\(agreeing) of \(compared) native endpoints compared identical")
    print(table.joined(separator: "\n"))
    #expect(ours.count >= 35)
  }

  @Test func eachDirectiveLeavesTheSameStateInBothModes() throws {
    let native = try lambda("native")
    let proxy = try lambda("proxy")
    defer {
      native.shutdown()
      proxy.shutdown()
    }
    let steps: [(String, String, String, JSON, String, String)] = [
      ("Alexa.PowerController", "TurnOff", "light.bed_light", [:], "state", ""),
      ("Alexa.PowerController", "TurnOn", "light.bed_light", [:], "state", ""),
      (
        "Alexa.BrightnessController", "SetBrightness", "light.bed_light", ["brightness": 30],
        "attribute", "brightness"
      ),
      ("Alexa.LockController", "Lock", "lock.kitchen_door", [:], "state", ""),
      ("Alexa.LockController", "Unlock", "lock.kitchen_door", [:], "state", ""),
      ("Alexa.PowerController", "TurnOn", "switch.decorative_lights", [:], "state", ""),
      (
        "Alexa.ThermostatController", "SetTargetTemperature", "climate.hvac",
        ["targetSetpoint": ["value": 22, "scale": "CELSIUS"]], "attribute", "temperature"
      ),
    ]
    var table = [
      "directive                                         entity                    native      proxy"
    ]
    for (namespace, name, entity, payload, kind, attribute) in steps {
      let endpoint = entity.replacing(".", with: "#")
      /// The state once any transition ("locking", "opening") has settled: native mode
      /// answers after Home Assistant's service call completes (the demo lock takes ~2 s),
      /// Home Assistant's own handler answers while the lock is still moving.
      func observe(_ lambda: DemoFunction) throws -> String {
        _ = lambda.invoke(Directive.make(namespace, name, endpoint: endpoint, payload: payload))
        var state = try DemoHomeAssistant.read(entity)
        let settleBy = Date().addingTimeInterval(5)
        while state["state"]?.string?.hasSuffix("ing") == true, Date() < settleBy {
          Thread.sleep(forTimeInterval: 0.1)
          state = try DemoHomeAssistant.read(entity)
        }
        return (kind == "state" ? state["state"] : state["attributes"]?[attribute])?.description
          ?? "null"
      }
      let nativeResult = try observe(native)
      let proxyResult = try observe(proxy)
      #expect(nativeResult == proxyResult, "\(namespace).\(name) on \(entity)")
      table.append(
        "\(namespace).\(name)".padding(toLength: 50, withPad: " ", startingAt: 0)
          + entity.padding(toLength: 26, withPad: " ", startingAt: 0)
          + nativeResult.padding(toLength: 12, withPad: " ", startingAt: 0) + proxyResult)
    }
    print(table.joined(separator: "\n"))
  }
}
