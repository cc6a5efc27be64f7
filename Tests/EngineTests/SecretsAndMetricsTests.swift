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
    let gateway = try Gateway(
      environment: ["HOME_ASSISTANT_TOKEN": Self.token, "DEBUG_MODE": "true"], log: captured.log)
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

  @Test func comparesSecretsInConstantTimeAndHonoursTheSkillAllowList() throws {
    #expect(SecurityPolicy.constantTimeEquals("abc", "abc"))
    #expect(
      !SecurityPolicy.constantTimeEquals("abc", "abd")
        && !SecurityPolicy.constantTimeEquals("abc", "abcd"))
    // A length difference of 256 once folded to zero in a UInt8: the id plus 256 NULs passed.
    let padded = "amzn1.ask.skill.ok" + String(repeating: "\u{0}", count: 256)
    #expect(!SecurityPolicy.constantTimeEquals("amzn1.ask.skill.ok", padded))
    #expect(!SecurityPolicy.constantTimeEquals("", String(repeating: "\u{0}", count: 512)))
    let policy = SecurityPolicy(
      configuration: try Configuration(environment: ["ALEXA_SKILL_ID": "amzn1.ask.skill.ok"]))
    #expect(
      policy.isAllowedSkill("amzn1.ask.skill.ok") && !policy.isAllowedSkill("amzn1.ask.skill.other")
    )
    #expect(!policy.isAllowedSkill(nil))
    #expect(
      !SecurityPolicy(configuration: try Configuration(environment: [:])).isAllowedSkill(
        "anything"),
      "with no allow-list, no skill is allowed")
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
}

@Suite struct OperatorEventTests {
  @Test func healthReportsServicesBreakersCacheAndRedactedConfig() throws {
    let gateway = try Gateway(
      environment: ["HOME_ASSISTANT_TOKEN": "tok-123456"],
      log: RuntimeLog(format: .json, threshold: .fatal))
    _ = gateway.services.cache
    gateway.addHealthCheck("upstream") { _, _ in (false, ["reachable": false]) }
    let health = try JSONParser.parse(
      try gateway.handle(TestGateway.invocation(#"{"action":"health"}"#)))
    #expect(health["status"] == "degraded")
    #expect(health["checks"]?["upstream"]?["reachable"] == false)
    #expect(health["servicesBuilt"]?.array?.contains("cache") == true)
    #expect(health["servicesBuilt"]?.array?.contains("http") == false, "nothing asked for http")
    #expect(health["config"]?["HOME_ASSISTANT_TOKEN"] == "(set, redacted)")
    #expect(health["memory"]?["rssMiB"]?.number ?? 0 > 0)
    let diagnostics = try JSONParser.parse(
      try gateway.handle(TestGateway.invocation(#"{"action":"diagnostics"}"#)))
    #expect(diagnostics["recentInvocations"]?.array?.first?["route"] == "operator/health")
    #expect(diagnostics["serviceBuildMicroseconds"]?["cache"] != nil)
  }

  @Test func aScheduledWarmUpBuildsServicesAndOpensTheUpstream() throws {
    let upstream = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let gateway = try Gateway(
      environment: ["HOME_ASSISTANT_URL": upstream.url],
      log: RuntimeLog(format: .json, threshold: .fatal))
    let reply = try JSONParser.parse(
      try gateway.handle(
        TestGateway.invocation(
          #"{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}"#)))
    #expect(reply["warmed"] == true)
    #expect(reply["upstream"]?["status"] == 401)
    #expect(upstream.requests.first?.startLine == "GET /api/ HTTP/1.1")
    #expect(gateway.services.isBuilt(.http) && gateway.services.isBuilt(.cache))
  }

  @Test func preconnectsToTheConfiguredHostDuringInitUnlessDisabled() throws {
    let upstream = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let gateway = try Gateway(
      environment: ["HOME_ASSISTANT_URL": upstream.url],
      log: RuntimeLog(format: .json, threshold: .fatal))
    let deadline = Date().addingTimeInterval(3)
    while upstream.requests.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    #expect(upstream.requests.map(\.startLine) == ["GET /api/ HTTP/1.1"], "before any event")
    #expect(gateway.services.isBuilt(.http))

    let quiet = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let lazy = try Gateway(
      environment: ["HOME_ASSISTANT_URL": quiet.url, "PRECONNECT": "false"],
      log: RuntimeLog(format: .json, threshold: .fatal))
    Thread.sleep(forTimeInterval: 0.3)
    #expect(quiet.requests.isEmpty)
    #expect(!lazy.services.isBuilt(.http))
  }

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

@Suite struct ParameterStoreTests {
  private func services(_ environment: [String: String]) throws -> Services {
    try Gateway(environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
      .services
  }

  @Test func readsThroughTheLambdaExtensionAndCaches() throws {
    let fake = try FakeUpstream { _ in
      .response(200, "OK", body: Array(#"{"Parameter":{"Value":"from-extension"}}"#.utf8))
    }
    let services = try services([
      "USE_PARAMETER_STORE": "true", "HOME_ASSISTANT_URL": "http://127.0.0.1:1",
      "AWS_SESSION_TOKEN": "session",
      "SSM_EXTENSION_URL": fake.url,
    ])
    #expect(try services.fallbackToken(timeoutMilliseconds: 1000) == "from-extension")
    #expect(try services.fallbackToken(timeoutMilliseconds: 1000) == "from-extension")
    #expect(fake.requests.count == 1, "the second read came from the cache")
    let request = fake.requests[0]
    #expect(
      request.startLine.hasPrefix(
        "GET /systemsmanager/parameters/get?name=%2Flee%2FHOME_ASSISTANT_TOKEN&withDecryption=true")
    )
    #expect(request.header("X-Aws-Parameters-Secrets-Token") == "session")
    #expect(services.logging.redactor.redact("x from-extension") == "x [REDACTED]")
  }

  @Test func fallsBackToASignedGetParameterWithoutTheExtension() throws {
    let ssm = try FakeUpstream { _ in
      .response(
        200, "OK",
        body: Array(#"{"Parameter":{"Name":"/p/HOME_ASSISTANT_TOKEN","Value":"direct"}}"#.utf8))
    }
    let services = try services([
      "USE_PARAMETER_STORE": "true", "HOME_ASSISTANT_URL": "http://127.0.0.1:1",
      "PARAMETER_PREFIX": "/p",
      "SSM_EXTENSION_URL": "http://127.0.0.1:1", "SSM_ENDPOINT": ssm.url + "/",
      "AWS_REGION": "eu-west-1",
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI",
      "AWS_SESSION_TOKEN": "sess",
    ])
    #expect(try services.fallbackToken(timeoutMilliseconds: 2000) == "direct")
    let request = try #require(ssm.requests.first)
    #expect(request.header("X-Amz-Target") == "AmazonSSM.GetParameter")
    #expect(request.header("X-Amz-Security-Token") == "sess")
    let authorization = request.header("Authorization") ?? ""
    #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
    #expect(authorization.contains("/eu-west-1/ssm/aws4_request"))
    #expect(
      try JSONParser.parse(request.body) == [
        "Name": "/p/HOME_ASSISTANT_TOKEN", "WithDecryption": true,
      ])
  }

  @Test func withoutCredentialsTheErrorSaysSo() throws {
    let services = try services([
      "USE_PARAMETER_STORE": "true", "HOME_ASSISTANT_URL": "http://127.0.0.1:1",
      "SSM_EXTENSION_URL": "http://127.0.0.1:1",
    ])
    #expect(throws: ParameterStore.Failure.noCredentials) {
      try services.fallbackToken(timeoutMilliseconds: 500)
    }
  }
}
