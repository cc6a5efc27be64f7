import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// The owner's token from Parameter Store, and the operator events with the extension
/// installed: what `health` shows of its settings, its warm-up, its pre-connect.
@Suite struct ParameterStoreTests {
  private func services(_ environment: [String: String]) throws -> Services {
    try Gateway(environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
      .services
  }

  /// The owner's token as the extension reads it (HOME_ASSISTANT_TOKEN, else the store).
  private func ownerToken(_ services: Services, timeoutMilliseconds: Int) throws -> String? {
    try HomeAssistantSettings(environment: services.environment)
      .ownerToken(services, timeoutMilliseconds: timeoutMilliseconds)
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
    #expect(try ownerToken(services, timeoutMilliseconds: 1000) == "from-extension")
    #expect(try ownerToken(services, timeoutMilliseconds: 1000) == "from-extension")
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
      "SSM_EXTENSION_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SSM": ssm.url + "/",
      "AWS_REGION": "eu-west-1",
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI",
      "AWS_SESSION_TOKEN": "sess",
    ])
    #expect(try ownerToken(services, timeoutMilliseconds: 2000) == "direct")
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
      try ownerToken(services, timeoutMilliseconds: 500)
    }
  }
}

@Suite struct HomeAssistantOperatorTests {
  private func installed(_ environment: [String: String]) throws -> Gateway {
    let gateway = try Gateway(
      environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
    try HomeAssistantExtension.install(on: gateway)
    return gateway
  }

  private func invocation(_ body: String) -> Invocation {
    Invocation(
      requestId: "test-request", deadlineMilliseconds: Clock.wallMilliseconds() + 8000,
      body: Array(body.utf8))
  }

  @Test func healthReportsServicesBreakersCacheAndRedactedConfig() throws {
    let gateway = try installed(["HOME_ASSISTANT_TOKEN": "tok-123456"])
    _ = gateway.services.cache
    gateway.addHealthCheck("upstream") { _, _ in (false, ["reachable": false]) }
    let health = try JSONParser.parse(
      try gateway.handle(invocation(#"{"action":"health"}"#)))
    #expect(health["status"] == "degraded")
    #expect(health["checks"]?["upstream"]?["reachable"] == false)
    #expect(health["servicesBuilt"]?.array?.contains("cache") == true)
    #expect(health["servicesBuilt"]?.array?.contains("http") == false, "nothing asked for http")
    #expect(health["config"]?["HOME_ASSISTANT_TOKEN"] == "(set, redacted)")
    #expect(health["memory"]?["rssMiB"]?.number ?? 0 > 0)
    let diagnostics = try JSONParser.parse(
      try gateway.handle(invocation(#"{"action":"diagnostics"}"#)))
    #expect(diagnostics["recentInvocations"]?.array?.first?["route"] == "operator/health")
    #expect(diagnostics["serviceBuildMicroseconds"]?["cache"] != nil)
  }

  @Test func aScheduledWarmUpBuildsServicesAndOpensTheUpstream() throws {
    let upstream = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let gateway = try installed(["HOME_ASSISTANT_URL": upstream.url])
    let reply = try JSONParser.parse(
      try gateway.handle(
        invocation(
          #"{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}"#)))
    #expect(reply["warmed"] == true)
    #expect(reply["upstream"]?["status"] == 401)
    #expect(upstream.requests.first?.startLine == "GET /api/ HTTP/1.1")
    #expect(gateway.services.isBuilt(.http) && gateway.services.isBuilt(.cache))
  }

  @Test func preconnectsToTheConfiguredHostDuringInitUnlessDisabled() throws {
    let upstream = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let gateway = try installed(["HOME_ASSISTANT_URL": upstream.url])
    let deadline = Date().addingTimeInterval(3)
    while upstream.requests.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    #expect(upstream.requests.map(\.startLine) == ["GET /api/ HTTP/1.1"], "before any event")
    #expect(gateway.services.isBuilt(.http))

    let quiet = try FakeUpstream { _ in .response(401, "Unauthorized") }
    let lazy = try installed(["HOME_ASSISTANT_URL": quiet.url, "PRECONNECT": "false"])
    Thread.sleep(forTimeInterval: 0.3)
    #expect(quiet.requests.isEmpty)
    #expect(!lazy.services.isBuilt(.http))
  }
}
