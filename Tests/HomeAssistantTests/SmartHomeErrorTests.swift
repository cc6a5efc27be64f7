import Engine
import HomeAssistant
import JSONCore
import LambdaRuntime
import Testing

@Suite struct SmartHomeErrorTests {
  static let directive: JSON = [
    "directive": [
      "header": [
        "namespace": "Alexa.PowerController", "name": "TurnOn", "messageId": "m-1",
        "correlationToken": "corr-token==", "payloadVersion": "3",
      ],
      "endpoint": [
        "endpointId": "light#kitchen", "scope": ["type": "BearerToken", "token": "linked-secret"],
      ],
      "payload": [:],
    ]
  ]

  private func gateway(_ register: (inout RouteTable) -> Void = { _ in }) throws -> Gateway {
    let gateway = try Gateway(environment: [:], log: RuntimeLog(format: .json, threshold: .fatal))
    try HomeAssistantExtension.install(on: gateway)
    try gateway.install(register)
    return gateway
  }

  private func answer(_ gateway: Gateway, _ event: JSON) throws -> JSON {
    let invocation = Invocation(
      requestId: "r", deadlineMilliseconds: Clock.wallMilliseconds() + 8000,
      body: JSONWriter().bytes(event))
    return try JSONParser.parse(try gateway.handle(invocation))
  }

  @Test func everyErrorTypeIsSchemaValidUnderItsNamespace() throws {
    let replies = AlexaErrorType.allCases.map { type in
      AlexaErrorResponse.make(
        for: Self.directive, type: type, message: "because",
        extraPayload: type == .valueOutOfRange
          ? [("validRange", ["minimumValue": 0, "maximumValue": 100])] : [])
    }
    let problems = try AlexaSchema.problems(replies)
    for (type, problem) in zip(AlexaErrorType.allCases, problems) {
      #expect(problem == nil, "\(type.rawValue): \(problem ?? "")")
    }
    let thermostat = AlexaErrorResponse.make(
      for: Self.directive, type: .unsupportedThermostatMode, message: "no")
    #expect(thermostat["event"]?["header"]?["namespace"] == "Alexa.ThermostatController")
  }

  @Test func anUnknownDirectiveGetsInvalidDirectiveWithItsTokenAndEndpoint() throws {
    var event = Self.directive
    if case .object(var root) = event, case .object(var directive)? = root["directive"],
      case .object(var header)? = directive["header"]
    {
      header["namespace"] = "Alexa.NoSuchController"
      directive["header"] = .object(header)
      root["directive"] = .object(directive)
      event = .object(root)
    }
    let reply = try answer(try gateway(), event)
    #expect(reply["event"]?["payload"]?["type"] == "INVALID_DIRECTIVE")
    #expect(reply["event"]?["header"]?["correlationToken"] == "corr-token==")
    #expect(reply["event"]?["endpoint"]?["endpointId"] == "light#kitchen")
    #expect(!reply.description.contains("linked-secret"), "the scope token is not echoed")
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func upstreamFailuresAreBridgeUnreachableAndBugsAreInternalErrors() throws {
    // Routes of their own: the native ones may not be registered twice.
    let gateway = try gateway { table in
      table.register(.smartHome(namespace: "Test.Faults", name: "Unreachable")) { _, _ in
        throw HTTPClientError.connect("refused")
      }
      table.register(.smartHome(namespace: "Test.Faults", name: "Bug")) { _, _ in
        throw CancellationLikeBug()
      }
    }
    func fault(_ name: String) throws -> JSON {
      let text = Self.directive.description
        .replacing("\"Alexa.PowerController\"", with: "\"Test.Faults\"")
        .replacing("\"TurnOn\"", with: "\"\(name)\"")
      return try answer(gateway, try JSONParser.parse(text))
    }
    let down = try fault("Unreachable")
    #expect(down["event"]?["payload"]?["type"] == "BRIDGE_UNREACHABLE")
    let bug = try fault("Bug")
    #expect(bug["event"]?["payload"]?["type"] == "INTERNAL_ERROR")
    #expect(try AlexaSchema.problems([down, bug]) == [nil, nil])
  }

  @Test func registeringARouteTwiceIsAStartUpError() throws {
    #expect(throws: RouteConflict.self) {
      try gateway { table in
        table.register(.smartHome(namespace: "Alexa.PowerController", name: "TurnOn")) { _, _ in
          .json("second")
        }
      }
    }
    for mode in ["native", "proxy"] {
      let gateway = try Gateway(
        environment: ["ALEXA_MODE": mode], log: RuntimeLog(format: .json, threshold: .fatal))
      try HomeAssistantExtension.install(on: gateway)  // each mode's table is unambiguous
      #expect(throws: RouteConflict.self) { try HomeAssistantExtension.install(on: gateway) }
    }
  }

  struct CancellationLikeBug: Error {}
}
