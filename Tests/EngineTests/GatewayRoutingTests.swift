import Engine
import JSONCore
import LambdaRuntime
import Testing

@Suite struct GatewayRoutingTests {
  @Test(arguments: [
    (
      #"{"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn"}}}"#,
      Route.smartHome(namespace: "Alexa.PowerController", name: "TurnOn")
    ),
    (
      #"{"version":"1.0","request":{"type":"IntentRequest"}}"#,
      Route.customSkill(requestType: "IntentRequest")
    ),
    (#"{"action":"health"}"#, Route.operatorAction("health")),
    (#"{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}"#, Route.schedule),
  ])
  func classifiesEachFamily(event: String, route: Route) throws {
    let (classified, _) = try EventClassifier().classify(Array(event.utf8))
    #expect(classified == route)
    #expect(classified.key == route.key)
  }

  @Test func routeKeysAreNamespaceSlashName() {
    #expect(
      Route.smartHome(namespace: "Alexa.PowerController", name: "TurnOn").key
        == "Alexa.PowerController/TurnOn")
  }

  @Test(arguments: [
    ("{", EventRejection.Kind.notJSON),
    (#"{"source":"aws.events","detail-type":"Other"}"#, .unknownShape),
    (#"{"request":{"type":"IntentRequest"}}"#, .unknownShape),
    ("[1,2]", .unknownShape),
  ])
  func rejectsWhatItCannotRoute(event: String, kind: EventRejection.Kind) {
    #expect {
      _ = try EventClassifier().classify(Array(event.utf8))
    } throws: { error in
      (error as? EventRejection)?.kind == kind
    }
  }

  @Test func rejectsOversizedEventsBeforeParsing() {
    let classifier = EventClassifier(maximumBytes: 10, maximumDepth: 8)
    #expect(throws: EventRejection.self) {
      try classifier.classify(Array(#"{"action":"ping"}"#.utf8))
    }
  }

  @Test func theTableUsesTheExactKeyThenTheFamilyFallback() throws {
    var table = RouteTable()
    table.register(.smartHome(namespace: "Alexa.PowerController", name: "TurnOn")) { _, _ in
      .json("exact")
    }
    table.fallback(for: .smartHome) { _, _ in .json("fallback") }
    let context = try TestGateway.context(#"{"action":"x"}"#)
    let gateway = try TestGateway.make()
    let exact = table.handler(for: .smartHome(namespace: "Alexa.PowerController", name: "TurnOn"))
    let other = table.handler(for: .smartHome(namespace: "Alexa.PowerController", name: "Dance"))
    #expect(try exact?(context, gateway) == .json("exact"))
    #expect(try other?(context, gateway) == .json("fallback"))
    #expect(table.handler(for: .customSkill(requestType: "LaunchRequest")) == nil)
  }

  @Test func pingReportsColdThenWarm() throws {
    let gateway = try TestGateway.make()
    let first = try JSONParser.parse(
      try gateway.handle(TestGateway.invocation(#"{"action":"ping"}"#)))
    let second = try JSONParser.parse(
      try gateway.handle(TestGateway.invocation(#"{"action":"ping"}"#)))
    #expect(first["coldStart"] == true && second["coldStart"] == false)
    #expect(first["version"]?.string == Product.version)
  }
}

enum TestGateway {
  static func make(_ environment: [String: String] = [:]) throws -> Gateway {
    try Gateway(environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
  }

  static func invocation(_ body: String, remainingMilliseconds: Int64 = 8000) -> Invocation {
    Invocation(
      requestId: "test-request",
      deadlineMilliseconds: Clock.wallMilliseconds() + remainingMilliseconds,
      body: Array(body.utf8))
  }

  static func context(_ body: String) throws -> EventContext {
    let (route, event) = try EventClassifier().classify(Array(body.utf8))
    return EventContext(invocation: invocation(body), route: route, event: event, coldStart: false)
  }
}

@Suite struct RouteTableConflictTests {
  @Test func aSecondRegistrationIsRecordedAndTheGatewayRefusesIt() throws {
    var table = RouteTable()
    table.register(.operatorAction("x")) { _, _ in .json("first") }
    table.register(.operatorAction("x")) { _, _ in .json("second") }
    table.fallback(for: .customSkill) { _, _ in .json("a") }
    table.fallback(for: .customSkill) { _, _ in .json("b") }
    #expect(table.conflicts == ["operator/x", "fallback for customSkill"])

    let gateway = try TestGateway.make()
    #expect(throws: RouteConflict.self) {
      try gateway.install { table in
        table.register(.operatorAction("ping")) { _, _ in .json("shadowed ping") }
      }
    }
  }
}
