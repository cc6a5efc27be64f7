import Foundation
import JSONCore
import LambdaEmulator
import TestSupport
import Testing

/// Secrets never leave the function, and the circuit breaker opens and recovers as
/// configured, both observed from outside: the runtime's whole log, its replies, health.
@Suite(.serialized)
struct SecretsAndBreakerTests {
  /// A linked token Home Assistant does not know: it is refused, and must still not leak.
  static let linkedSecret = "lee-linked-secret-7f3a9c0d51e2b8"

  @Test(.enabled(if: DemoHomeAssistant.url != nil, "needs the demo Home Assistant"))
  func noLogLineReplyOrDiagnosticsContainsAToken() throws {
    let configured = DemoHomeAssistant.token!
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lee-secrets-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let lambda = try TestFunction.start(
      [
        "HOME_ASSISTANT_URL": DemoHomeAssistant.url!, "HOME_ASSISTANT_TOKEN": configured,
        "DEBUG_MODE": "true",
      ], logPath: log.path)
    let events: [[UInt8]] = [
      Directive.make("Alexa.Discovery", "Discover", endpoint: nil),
      Directive.make("Alexa", "ReportState", endpoint: "light#bed_light"),
      Directive.make(
        "Alexa.PowerController", "TurnOn", endpoint: "light#bed_light", token: Self.linkedSecret),
      Directive.make("Alexa.Discovery", "Discover", endpoint: nil, token: Self.linkedSecret),
      JSONWriter().bytes(
        SkillEvent.make(
          "IntentRequest", intent: "AssistIntent", query: "hello", token: Self.linkedSecret)),
      JSONWriter().bytes(
        SkillEvent.make("IntentRequest", intent: "AssistTurnIntent", query: "on the bed light")),
      Array(#"{"action":"health"}"#.utf8), Array(#"{"action":"diagnostics"}"#.utf8),
      Array(#"{"action":"nope"}"#.utf8), Array("not json \(configured)".utf8),
    ]
    var replies: [String] = []
    for event in events {
      replies.append(String(decoding: lambda.invoke(event).body, as: UTF8.self))
    }
    lambda.shutdown()
    let written = try String(contentsOf: log, encoding: .utf8)
    #expect(written.contains("DEBUG"), "debug logging was on, events were dumped")
    #expect(replies[2].contains("INVALID_AUTHORIZATION_CREDENTIAL"), "the linked token was refused")
    for secret in [configured, Self.linkedSecret] {
      #expect(!written.contains(secret), "a log line contains a token")
      for (index, reply) in replies.enumerated() {
        #expect(!reply.contains(secret), "reply \(index) contains a token")
      }
    }
  }

  @Test func theBreakerOpensAndRecoversAsConfiguredSeenThroughHealth() throws {
    // 503: Home Assistant unavailable behind its proxy (a 500 is Home Assistant answering).
    let server = try FaultServer(mode: "503")
    defer { server.stop() }
    let lambda = try TestFunction.start([
      "HOME_ASSISTANT_URL": server.url, "HOME_ASSISTANT_TOKEN": "breaker-token",
      "BREAKER_FAILURE_THRESHOLD": "3", "BREAKER_COOLDOWN_SECONDS": "1", "PRECONNECT": "false",
    ])
    defer { lambda.shutdown() }
    func turnOn() throws -> String? {
      try JSONParser.parse(
        lambda.invoke(
          Directive.make("Alexa.PowerController", "TurnOn", endpoint: "light#bed_light")
        )
        .body)["event"]?["payload"]?["type"]?.string
    }
    func breaker() throws -> JSON? {
      try JSONParser.parse(lambda.invoke(Array(#"{"action":"health"}"#.utf8)).body)["breakers"]?[
        "home-assistant"]
    }
    // Health's own Home Assistant check is an upstream call too: the second failure.
    #expect(try turnOn() == "BRIDGE_UNREACHABLE")
    #expect(try breaker()?["state"] == "closed")
    #expect(try turnOn() == "BRIDGE_UNREACHABLE")
    #expect(try breaker()?["state"] == "open", "three failures in a row open it")
    let served = server.requestCount
    #expect(try turnOn() == "BRIDGE_UNREACHABLE")
    #expect(server.requestCount == served, "while open, Home Assistant is not called")
    try server.setMode("ok")
    Thread.sleep(forTimeInterval: 1.2)
    #expect(try turnOn() == nil, "after the cooldown a probe goes through and succeeds")
    let recovered = try breaker()
    #expect(recovered?["state"] == "closed")
    #expect(recovered?["opens"] == 1)
  }
}
