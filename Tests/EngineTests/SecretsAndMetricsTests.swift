import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@Suite struct RedactionTests {
  static let token = "eyJhbGciOiJIUzI1NiJ9.secret-token-value.sig"

  @Test func aKnownTokenNeverAppearsInLogsDumpsOrDiagnostics() throws {
    let captured = CapturedLog()
    let gateway = try Gateway(environment: ["DEBUG_MODE": "true"], log: captured.log)
    gateway.services.addSecret(Self.token)  // as an extension does with its configured token
    let logger = gateway.services.logging
    logger.info(
      "calling with Bearer \(Self.token) now", fields: [("auth", .string("Bearer \(Self.token)"))])
    logger.error("token was \(Self.token)")
    let directive =
      #"{"directive":{"header":{"namespace":"Alexa","name":"ReportState"},"endpoint":{"scope":{"type":"BearerToken","token":"other-linked-token"}}}}"#
    _ = try? gateway.handle(TestGateway.invocation(directive))
    let diagnostics = try gateway.handle(TestGateway.invocation(#"{"action":"diagnostics"}"#))
    let everything = captured.text + String(decoding: diagnostics, as: UTF8.self)
    #expect(!everything.contains(Self.token))
    #expect(!everything.contains("secret-token-value"))
    #expect(!everything.contains("other-linked-token"), "scope tokens in dumped events are masked")
    #expect(everything.contains(Redactor.mask))
  }

  @Test func debugModeAndLogLevelSetTheThreshold() throws {
    let debug = CapturedLog(level: .error)
    let gateway = try Gateway(environment: ["DEBUG_MODE": "true"], log: debug.log)
    _ = try gateway.handle(TestGateway.invocation(#"{"action":"ping"}"#))
    #expect(debug.text.contains(#""message":"event operator/ping""#), "the event is dumped")
    let quiet = CapturedLog(level: .info)
    let logger = try Gateway(environment: ["LOG_LEVEL": "ERROR"], log: quiet.log).services.logging
    logger.warn("not shown")
    logger.error("shown")
    #expect(!quiet.text.contains("not shown") && quiet.text.contains("shown"))
  }

  @Test func masksBearerCredentialsAndSensitiveMembers() {
    let redactor = Redactor(secrets: ["hunter22"])
    #expect(
      redactor.redact("Authorization: Bearer abc.def, next")
        == "Authorization: Bearer [REDACTED], next")
    #expect(redactor.redact("pw=hunter22!") == "pw=[REDACTED]!")
    let value: JSON = [
      "token": "x", "nested": ["access_token": "y", "name": "kitchen hunter22"],
      "list": [["Authorization": "z"]],
    ]
    #expect(
      redactor.redact(value)
        == [
          "token": "[REDACTED]",
          "nested": ["access_token": "[REDACTED]", "name": "kitchen [REDACTED]"],
          "list": [["Authorization": "[REDACTED]"]],
        ])
    // Alexa's custom-skill requests spell them in camel case.
    let skill: JSON = ["user": ["accessToken": "a", "userId": "u"], "apiAccessToken": "b"]
    #expect(
      redactor.redact(skill)
        == ["user": ["accessToken": "[REDACTED]", "userId": "u"], "apiAccessToken": "[REDACTED]"])
  }

  @Test func comparesSecretsInConstantTime() throws {
    #expect(SecurityPolicy.constantTimeEquals("abc", "abc"))
    #expect(
      !SecurityPolicy.constantTimeEquals("abc", "abd")
        && !SecurityPolicy.constantTimeEquals("abc", "abcd"))
    // A length difference of 256 once folded to zero in a UInt8: the id plus 256 NULs passed.
    let padded = "amzn1.ask.skill.ok" + String(repeating: "\u{0}", count: 256)
    #expect(!SecurityPolicy.constantTimeEquals("amzn1.ask.skill.ok", padded))
    #expect(!SecurityPolicy.constantTimeEquals("", String(repeating: "\u{0}", count: 512)))
    #expect(
      SecurityPolicy.isValidIdentifier("light#kitchen") && !SecurityPolicy.isValidIdentifier("a b"))
  }
}

@Suite struct MetricsTests {
  @Test func oneEMFRecordWithAtMostTenMetricNames() throws {
    #expect(Metrics.Name.allCases.count <= 10)
    let metrics = Metrics(functionName: "f")
    metrics.add(.duration, 1.5)
    metrics.add(.coldStart)
    metrics.add(.cacheHits, 2)
    let record = metrics.record(
      family: "operatorAction", route: "operator/ping", timestampMilliseconds: 42)
    let directive = record["_aws"]?["CloudWatchMetrics"]?[0]
    #expect(record["_aws"]?["Timestamp"] == 42)
    #expect(directive?["Namespace"] == "LEE")
    #expect(directive?["Dimensions"] == [["FunctionName", "Family"]])
    #expect(
      directive?["Metrics"]?.array?.compactMap { $0["Name"]?.string } == [
        "Duration", "ColdStart", "CacheHits",
      ])
    #expect(
      record["Duration"] == 1.5 && record["CacheHits"] == 2 && record["Route"] == "operator/ping")
  }

  @Test func theFamilyDimensionKeepsTheCaseNames() {
    for family in Route.Family.allCases { #expect(family.name == "\(family)") }
  }

  @Test func theLineIsTheRecordAsJSONWriterWritesIt() throws {
    let metrics = Metrics(functionName: "lee \"swift\"")
    // Rounds 1 and 3 repeat the route and names before them (the kept middle); durations
    // are written to the microsecond.
    for round in 0..<4 {
      metrics.add(.duration, 1.25 + Double(round) * 7.0004567)
      if round < 2 { metrics.add(.upstreamCalls, 2) }
      metrics.add(.upstreamLatency, -0.0004 * Double(round))
      metrics.add(.breakerOpen)
      let family = "smart\(round / 2)\n"
      let route = "Alexa/\u{1}Turn\"On"
      var expected = JSONWriter().bytes(
        metrics.record(family: family, route: route, timestampMilliseconds: 1_796_000_000_123))
      expected.append(UInt8(ascii: "\n"))
      let line = metrics.line(
        family: family, route: route, timestampMilliseconds: 1_796_000_000_123)
      #expect(String(decoding: line, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
      metrics.flush(family: family, route: route)  // to stdout; starts the next values
      #expect(metrics.value(.duration) == nil)
    }
  }
}

@Suite struct OperatorEventTests {
  @Test func anExhaustedBudgetGoesToTheFamilysErrorReply() throws {
    let gateway = try TestGateway.make()
    try gateway.install { table in
      table.register(.smartHome(namespace: "Alexa", name: "ReportState")) { _, _ in .json("never") }
      table.onError(for: .smartHome) { _, _, error in
        .json(["error": .string(String(describing: error))])
      }
    }
    let event = #"{"directive":{"header":{"namespace":"Alexa","name":"ReportState"}}}"#
    let reply = try JSONParser.parse(
      try gateway.handle(TestGateway.invocation(event, remainingMilliseconds: 100)))
    #expect(reply["error"]?.string?.contains("left before the deadline") == true)
  }
}
