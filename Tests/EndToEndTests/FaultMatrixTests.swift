import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Testing

/// Faults end to end through lambda-local: for each, a well-formed reply arrives before the
/// deadline and the same runtime goes on answering (no restart). Prints the matrix.
@Suite(.serialized)
struct FaultMatrixTests {
  /// Lambda's timeout for these runs: "before the deadline" means within it.
  static let timeoutSeconds = 3.0

  struct Row {
    let fault: String
    let outcome: String
    let milliseconds: Double
  }

  private func lambda(_ environment: [String: String], timeout: Double = timeoutSeconds) throws
    -> LocalLambda
  {
    try TestFunction.start(
      ["PRECONNECT": "false", "HOME_ASSISTANT_TOKEN": "fault-token"].merging(environment) { $1 },
      timeout: timeout)
  }

  /// `event` through `lambda`: what came back (Alexa error type, reply name or function
  /// error type), then a ping that must be answered by the same runtime.
  private func probe(_ lambda: LocalLambda, _ fault: String, _ event: [UInt8]) throws -> Row {
    let started = Clock.monotonicNanoseconds()
    let result = lambda.invoke(event)
    let milliseconds = Double(Clock.monotonicNanoseconds() - started) / 1e6
    let reply = try? JSONParser.parse(result.body)
    let outcome =
      result.isError
      ? "function error \(reply?["errorType"]?.string ?? "?")"
      : reply?["event"]?["payload"]?["type"]?.string
        ?? reply?["event"]?["header"]?["name"]?.string ?? (reply?["ok"] == true ? "ok" : "?")
    #expect(reply != nil, "\(fault): the reply is JSON")
    #expect(
      milliseconds < lambda.configuration.timeoutSeconds * 1000, "\(fault): before the deadline")
    let ping = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    #expect(!ping.isError && ping.initDurationMilliseconds == nil, "\(fault): runtime survived")
    return Row(fault: fault, outcome: outcome, milliseconds: milliseconds)
  }

  private func turnOn() -> [UInt8] {
    Directive.make("Alexa.PowerController", "TurnOn", endpoint: "light#bed_light")
  }

  private func discover() -> [UInt8] {
    Directive.make("Alexa.Discovery", "Discover", endpoint: nil)
  }

  @Test func everyFaultGetsAWellFormedReplyInTimeAndTheRuntimeSurvives() throws {
    var rows: [Row] = []
    func expect(_ row: Row, _ outcome: String) {
      #expect(row.outcome == outcome, "\(row.fault)")
      rows.append(row)
    }
    let unused = try Socket.listen(port: 0)
    let closedPort = unused.localPort
    unused.close()
    let refused = try lambda(["HOME_ASSISTANT_URL": "http://127.0.0.1:\(closedPort)"])
    expect(try probe(refused, "Home Assistant refuses connections", turnOn()), "BRIDGE_UNREACHABLE")
    refused.shutdown()
    let dns = try lambda(["HOME_ASSISTANT_URL": "http://lee-no-such-host.invalid"])
    expect(try probe(dns, "DNS failure", turnOn()), "BRIDGE_UNREACHABLE")
    dns.shutdown()

    let tlsServer = try FaultServer(tls: true)
    let untrusted = try lambda(["HOME_ASSISTANT_URL": tlsServer.url])
    expect(
      try probe(untrusted, "TLS: self-signed, no CA bundle", turnOn()), "BRIDGE_UNREACHABLE")
    untrusted.shutdown()
    let trusted = try lambda([
      "HOME_ASSISTANT_URL": tlsServer.url, "HOME_ASSISTANT_CA_BUNDLE": FaultServer.certificate,
    ])
    expect(
      try probe(trusted, "TLS: self-signed, its CA bundle given (control)", turnOn()), "Response")
    trusted.shutdown()
    tlsServer.stop()

    let server = try FaultServer()
    let faulty = try lambda(["HOME_ASSISTANT_URL": server.url, "BREAKER_FAILURE_THRESHOLD": "1000"])
    defer { faulty.shutdown() }
    let cases: [(String, String, [UInt8], String)] = [
      ("slow", "Home Assistant slower than the budget", turnOn(), "BRIDGE_UNREACHABLE"),
      ("401", "Home Assistant answers 401", turnOn(), "INVALID_AUTHORIZATION_CREDENTIAL"),
      ("403", "Home Assistant answers 403", turnOn(), "INVALID_AUTHORIZATION_CREDENTIAL"),
      (
        "404", "unknown entity",
        Directive.make("Alexa", "ReportState", endpoint: "light#gone"), "NO_SUCH_ENDPOINT"
      ),
      ("500", "Home Assistant answers 500", turnOn(), "BRIDGE_UNREACHABLE"),
      ("malformed", "malformed JSON", discover(), "BRIDGE_UNREACHABLE"),
      ("truncated", "truncated body", discover(), "BRIDGE_UNREACHABLE"),
      ("huge", "huge body (40 MB)", discover(), "BRIDGE_UNREACHABLE"),
    ]
    for (mode, fault, event, outcome) in cases {
      try server.setMode(mode)
      expect(try probe(faulty, fault, event), outcome)
    }
    try server.setMode("ok")
    faulty.failNextReplies(1)
    expect(try probe(faulty, "Runtime API answers 500 to the reply POST", turnOn()), "Response")

    let events: [(String, [UInt8], String)] = [
      ("event not JSON", Array("{not json".utf8), "function error InvalidEvent.NotJSON"),
      ("empty event", [], "function error InvalidEvent.NotJSON"),
      (
        "6 MB event",
        Array(#"{"action":"ping","padding":""#.utf8)
          + [UInt8](repeating: 0x61, count: 6 * 1024 * 1024 - 64) + Array(#""}"#.utf8), "ok"
      ),
      (
        "nested 10,000 deep",
        [UInt8](repeating: 0x5B, count: 10_000) + [UInt8](repeating: 0x5D, count: 10_000),
        "function error InvalidEvent.NotJSON"
      ),
    ]
    // Lambda's usual timeout here: parsing 6 MB takes the debug build about 2 s (29 ms
    // in release), too close to the 3 s above when the machine is busy.
    let patient = try lambda([:], timeout: 8)
    defer { patient.shutdown() }
    for (fault, event, outcome) in events {
      expect(try probe(patient, fault, event), outcome)
    }
    print(
      "fault                                              reply                               ms")
    for row in rows {
      print(
        row.fault.padding(toLength: 50, withPad: " ", startingAt: 0) + " "
          + row.outcome.padding(toLength: 35, withPad: " ", startingAt: 0) + " "
          + String(format: "%6.1f", row.milliseconds))
    }
  }
}
