import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@testable import HomeAssistant

/// Regression tests for the defects an outside review reproduced: each failed before its
/// fix. Every Alexa reply is schema-validated.
@Suite struct HardeningTests {
  static func run(_ home: FakeHome, _ event: JSON, _ environment: [String: String] = [:]) throws
    -> JSON
  {
    let reply = try NativeHarness.run(home, event, environment: environment)
    #expect(try AlexaSchema.problems([reply]) == [nil], "\(reply)")
    return reply
  }

  static func errorType(_ reply: JSON) -> String? { reply["event"]?["payload"]?["type"]?.string }

  // MARK: 1. No trap reachable from input

  /// With options missing, empty or of the wrong type, planning once indexed an empty
  /// list and killed the process; with one option it stays on it.
  @Test(arguments: [nil, [] as JSON, "not a list" as JSON, ["a"] as JSON])
  func adjustModeWithoutUsableOptionsIsAnErrorNotATrap(options: JSON?) throws {
    var attributes = JSONObject([("friendly_name", "Broken select")])
    if let options { attributes["options"] = options }
    let entity = try #require(
      Entity(["entity_id": "input_select.broken", "state": "a", "attributes": .object(attributes)]))
    let directive = try ControlDirective.find(
      namespace: "Alexa.ModeController", name: "AdjustMode", instance: "input_select.option")
    if options == ["a"] {
      #expect(try directive.plan(["modeDelta": 1], "input_select", entity).data["option"] == "a")
    } else {
      #expect(throws: AlexaFailure.self) {
        _ = try directive.plan(["modeDelta": 1], "input_select", entity)
      }
    }
    // Through the gateway: discovery would not offer it, so nothing is even planned.
    let home = try FakeHome()
    home.states["input_select.broken"] = entity.json
    let reply = try Self.run(
      home,
      NativeHarness.directive(
        "Alexa.ModeController", "AdjustMode", "input_select#broken", payload: ["modeDelta": 1],
        instance: "input_select.option"))
    #expect(Self.errorType(reply) == "INVALID_DIRECTIVE")
    #expect(home.serviceCalls.isEmpty)
  }

  // MARK: 4. The owner's token only with the owner's opt-in

  @Test(arguments: ["", nil] as [String?])
  func aDirectiveWithoutATokenIsRefusedUnlessTheOwnerOptedIn(token: String?) throws {
    let home = try FakeHome()
    home.states["light.kitchen_lights"] = DemoStates.state("light.kitchen_lights")
    home.changed = [DemoStates.state("light.kitchen_lights")]
    var event = NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#kitchen_lights")
    event = Self.withToken(event, token)
    let owner = ["HOME_ASSISTANT_TOKEN": "owner-token"]
    let refused = try Self.run(home, event, owner)
    #expect(Self.errorType(refused) == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(home.upstream.requests.isEmpty, "nothing reached Home Assistant")

    let allowed = try Self.run(
      home, event, owner.merging(["ALLOW_OWNER_TOKEN_FALLBACK": "true"]) { $1 })
    #expect(allowed["event"]?["header"]?["name"] == "Response")
    #expect(home.upstream.requests.first?.header("Authorization") == "Bearer owner-token")
  }

  /// The directive with its scope token replaced (nil: no token member at all).
  static func withToken(_ event: JSON, _ token: String?) -> JSON {
    guard var root = event.object, var directive = root["directive"]?.object,
      var endpoint = directive["endpoint"]?.object, var scope = endpoint["scope"]?.object
    else { return event }
    scope["token"] = token.map(JSON.string)
    endpoint["scope"] = .object(scope)
    directive["endpoint"] = .object(endpoint)
    root["directive"] = .object(directive)
    return .object(root)
  }

  @Test func theCustomSkillRefusesEveryRequestWhileNoSkillIdIsSet() throws {
    let home = try FakeHome()
    #expect {
      _ = try NativeHarness.run(
        home, SkillEvent.make("LaunchRequest", token: "linked"), environment: ["ALEXA_SKILL_ID": ""]
      )
    } throws: { error in
      (error as? FunctionError)?.errorType == "Skill.NotConfigured"
    }
    #expect(home.upstream.requests.isEmpty)
  }

  // MARK: 5. Discovery's rules at control time

  @Test(arguments: [
    (
      "ALEXA_EXCLUDE_ENTITIES", "lock.front_door", "Alexa.LockController", "Unlock",
      "lock#front_door"
    ),
    ("ALEXA_EXCLUDE_DOMAINS", "cover", "Alexa.PowerController", "TurnOn", "cover#hall_window"),
    ("ALEXA_INCLUDE_DOMAINS", "light", "Alexa.LockController", "Lock", "lock#front_door"),
  ])
  func whatDiscoveryHidesCannotBeControlled(
    variable: String, value: String, namespace: String, name: String, endpoint: String
  ) throws {
    let home = try DomainControlTests.home()
    let directive = NativeHarness.directive(namespace, name, endpoint)
    let reply = try Self.run(home, directive, [variable: value])
    #expect(Self.errorType(reply) == "NO_SUCH_ENDPOINT")
    #expect(home.upstream.requests.isEmpty, "nothing reached Home Assistant")
    let report = try Self.run(
      home, NativeHarness.directive("Alexa", "ReportState", endpoint), [variable: value])
    #expect(Self.errorType(report) == "NO_SUCH_ENDPOINT")
  }

  @Test func anInterfaceDiscoveryWouldNotGiveIsInvalidDirective() throws {
    let home = try DomainControlTests.home()
    home.states["light.plain"] = [
      "entity_id": "light.plain", "state": "on",
      "attributes": ["friendly_name": "Plain", "supported_color_modes": ["onoff"]],
    ]
    let demoPanel = "alarm_control_panel.security"
    home.states[demoPanel] = DemoStates.state(demoPanel)
    let cases: [JSON] = [
      // Garage doors get no power (Alexa must not open them by "turn on").
      NativeHarness.directive("Alexa.PowerController", "TurnOn", "cover#garage_door"),
      // The demo panel needs a code to arm, which Alexa cannot send.
      NativeHarness.directive(
        "Alexa.SecurityPanelController", "Arm", "alarm_control_panel#security",
        payload: ["armState": "ARMED_AWAY"]),
      NativeHarness.directive(
        "Alexa.ColorController", "SetColor", "light#plain",
        payload: ["color": ["hue": 1, "saturation": 1, "brightness": 1]]),
      NativeHarness.directive(
        "Alexa.RangeController", "SetRangeValue", "cover#garage_door",
        payload: ["rangeValue": 50], instance: "cover.tilt"),
    ]
    for directive in cases {
      let reply = try Self.run(home, directive)
      #expect(Self.errorType(reply) == "INVALID_DIRECTIVE", "\(reply)")
    }
    #expect(home.serviceCalls.isEmpty, "nothing was called")
  }

  // MARK: 8. Header injection

  @Test(arguments: ["abc\r\nX-Injected: yes", "abc def", "tab\tbed", "nul\u{0}"])
  func aTokenWithControlCharactersIsNeverSent(token: String) throws {
    let home = try FakeHome()
    let event = Self.withToken(
      NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#kitchen_lights"), token)
    let reply = try Self.run(home, event)
    #expect(Self.errorType(reply) == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(home.upstream.requests.isEmpty)
    #expect(throws: ConfigurationError.self) {
      _ = try HomeAssistantSettings(environment: ["HOME_ASSISTANT_TOKEN": token])
    }
  }

  // MARK: 10. Parameter Store failures are not bugs

  @Test func aParameterStoreFailureIsBridgeUnreachableAndSpokenAsSuch() throws {
    let ssm = try FakeUpstream { _ in .response(400, "Bad Request", body: Array("{}".utf8)) }
    let home = try FakeHome()
    let environment = [
      "USE_PARAMETER_STORE": "true", "ALLOW_OWNER_TOKEN_FALLBACK": "true",
      "SSM_EXTENSION_URL": ssm.url, "AWS_SESSION_TOKEN": "session",
    ]
    let event = Self.withToken(
      NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#kitchen_lights"), nil)
    let reply = try Self.run(home, event, environment)
    #expect(Self.errorType(reply) == "BRIDGE_UNREACHABLE")
    let spoken = try NativeHarness.run(
      home, SkillEvent.make("IntentRequest", intent: "AssistTurnIntent", query: "on the lights"),
      environment: environment)
    let speech = spoken["response"]?["outputSpeech"]?["ssml"]?.string ?? ""
    #expect(speech.contains("reach your Home Assistant"), "\(spoken)")
    #expect(home.upstream.requests.isEmpty)
  }

  // MARK: 12. Home Assistant's words stay out of replies

  @Test func aRefusedCallsBodyNeverReachesTheReply() throws {
    let home = try FakeHome()
    home.states["light.kitchen_lights"] = DemoStates.state("light.kitchen_lights")
    home.serviceStatus = 500
    home.serviceBody = #"{"message":"boom for token linked: private-owner-data"}"#
    let captured = CapturedLog(level: .debug)
    let gateway = try Gateway(
      environment: [
        "HOME_ASSISTANT_URL": home.upstream.url, "PRECONNECT": "false", "LOG_LEVEL": "DEBUG",
      ], log: captured.log)
    try HomeAssistantExtension.install(on: gateway)
    let reply = try NativeHarness.answer(
      gateway, NativeHarness.directive("Alexa.PowerController", "TurnOn", "light#kitchen_lights"))
    #expect(Self.errorType(reply) == "BRIDGE_UNREACHABLE")
    let text = JSONWriter().string(reply)
    #expect(!text.contains("private-owner-data") && !text.contains("boom"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    // At debug level the owner sees an excerpt, with the linked token masked.
    #expect(captured.text.contains("private-owner-data"))
    #expect(!captured.text.contains("token linked"))
  }

  // MARK: 14. Locks: never a transitional JAMMED, and answers from the settled state

  @Test(arguments: [
    ("locking", "UNLOCKED"), ("unlocking", "LOCKED"), ("locked", "LOCKED"),
    ("unlocked", "UNLOCKED"), ("jammed", "JAMMED"), ("open", "UNLOCKED"),
  ])
  func lockStatesAreReportedAsHomeAssistantDoes(state: String, lockState: String) throws {
    let home = try FakeHome()
    home.states["lock.front_door"] = DemoStates.variant(
      DemoStates.state("lock.front_door"), state: state, attributes: [])
    let reply = try Self.run(
      home, NativeHarness.directive("Alexa", "ReportState", "lock#front_door"))
    #expect(NativeHarness.properties(reply)["lockState"]?.string == lockState)
  }

  @Test func aLockStillLockingIsReadAgainUntilItSettles() throws {
    let home = try FakeHome()
    let door = DemoStates.state("lock.front_door")
    home.changed = [DemoStates.variant(door, state: "locking", attributes: [])]
    home.stateSequence["lock.front_door"] = [
      DemoStates.variant(door, state: "unlocked", attributes: []),  // what discovery offers it
      DemoStates.variant(door, state: "locking", attributes: []),
      DemoStates.variant(door, state: "locked", attributes: []),
    ]
    let reply = try Self.run(
      home, NativeHarness.directive("Alexa.LockController", "Lock", "lock#front_door"))
    #expect(NativeHarness.properties(reply)["lockState"] == "LOCKED")
    #expect(
      home.upstream.requests.map { $0.requestLine?.method ?? "" } == ["GET", "POST", "GET", "GET"])
  }

  @Test func aLockThatNeverSettlesIsAnsweredWithWhereItIsGoing() throws {
    let home = try FakeHome()
    let door = DemoStates.state("lock.front_door")
    home.changed = [DemoStates.variant(door, state: "unlocking", attributes: [])]
    home.states["lock.front_door"] = DemoStates.variant(door, state: "unlocking", attributes: [])
    let started = ContinuousClock.now
    let reply = try NativeHarness.run(
      home, NativeHarness.directive("Alexa.LockController", "Unlock", "lock#front_door"),
      deadline: 2000)
    #expect(NativeHarness.properties(reply)["lockState"] == "UNLOCKED")
    #expect(ContinuousClock.now - started < .milliseconds(1900), "within the budget")
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }
}
