import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import TestSupport
import Testing

/// Hardening seen from outside: the real bootstrap under lambda-local, against the demo
/// Home Assistant or a misbehaving stand-in.
@Suite(.serialized)
struct HardeningEndToEndTests {
  /// With `HOME_ASSISTANT_VERIFY_SSL=false`, an untrusted certificate once received the
  /// signed SSM request (with `X-Amz-Security-Token`) and could supply the token: Home
  /// Assistant's TLS settings now apply to Home Assistant alone.
  @Test func homeAssistantsTLSSettingsNeverReachTheParameterStoreCall() throws {
    let impostor = try FaultServer(mode: "ok", tls: true)
    defer { impostor.stop() }
    let lambda = try TestFunction.start([
      "USE_PARAMETER_STORE": "true", "HOME_ASSISTANT_URL": "https://127.0.0.1:1",
      "HOME_ASSISTANT_VERIFY_SSL": "false", "HOME_ASSISTANT_CA_BUNDLE": FaultServer.certificate,
      "SSM_EXTENSION_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SSM": impostor.url + "/",
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
      "AWS_SESSION_TOKEN": "session-token", "PRECONNECT": "false",
    ])
    defer { lambda.shutdown() }
    let answer = try JSONParser.parse(
      lambda.invoke(Directive.make("Alexa.PowerController", "TurnOn", endpoint: "light#x")).body)
    #expect(answer["event"]?["payload"]?["type"] == "BRIDGE_UNREACHABLE", "\(answer)")
    #expect(impostor.requestCount == 0, "the signed request never reached the impostor")
  }

  @Test(.enabled(if: DemoHomeAssistant.url != nil, "needs the demo Home Assistant"))
  func withoutTheOptInADirectiveWithoutATokenDoesNothing() throws {
    let lambda = try DemoHomeAssistant.lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!, "ALLOW_OWNER_TOKEN_FALLBACK": "false",
    ])
    defer { lambda.shutdown() }
    let before = try DemoHomeAssistant.state("input_boolean.guest_mode")
    let target = before == "on" ? "TurnOff" : "TurnOn"
    let answer = try DemoHomeAssistant.reply(
      lambda,
      Directive.make("Alexa.PowerController", target, endpoint: "input_boolean#guest_mode"))
    #expect(answer["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(try DemoHomeAssistant.state("input_boolean.guest_mode") == before)
    let linked = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.PowerController", target, endpoint: "input_boolean#guest_mode",
        token: DemoHomeAssistant.token!))
    #expect(linked["event"]?["header"]?["name"] == "Response", "a linked token still works")
    #expect(try DemoHomeAssistant.state("input_boolean.guest_mode") != before)
  }

  /// The demo's locks take two seconds; the first state the call produced ("locking")
  /// was once answered as JAMMED while the lock ended up locked.
  /// (On a lock no other suite touches: suites run in parallel against one demo.)
  @Test(.enabled(if: DemoHomeAssistant.url != nil, "needs the demo Home Assistant"))
  func aSlowLockIsAnsweredWithTheStateItSettledIn() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    for (name, lockState, state) in [
      ("Lock", "LOCKED", "locked"), ("Unlock", "UNLOCKED", "unlocked"),
    ] {
      let answer = try DemoHomeAssistant.reply(
        lambda, Directive.make("Alexa.LockController", name, endpoint: "lock#openable_lock"))
      let reported = answer["context"]?["properties"]?.array?.first {
        $0["name"] == "lockState"
      }?["value"]
      #expect(reported?.string == lockState, "\(name): \(answer)")
      #expect(try DemoHomeAssistant.state("lock.openable_lock") == state)
    }
  }
}
