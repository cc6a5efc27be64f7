import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Testing

/// The real bootstrap, under lambda-local, against the real demo Home Assistant that
/// scripts/test.sh starts (LEE_DEMO_HA_URL / LEE_DEMO_HA_TOKEN).
@Suite(
  .serialized,
  .enabled(if: DemoHomeAssistant.url != nil, "needs scripts/test.sh's demo Home Assistant"))
struct DemoHomeAssistantTests {
  @Test func nativeDiscoveryFindsTheDemoHome() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let found = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa.Discovery", "Discover", endpoint: nil))
    let ids =
      found["event"]?["payload"]?["endpoints"]?.array?.compactMap { $0["endpointId"]?.string } ?? []
    #expect(ids.count >= 30)
    #expect(
      ids.contains("light#kitchen_lights") && ids.contains("lock#front_door")
        && ids.contains("scene#movie_night"))
  }

  @Test func nativeControlReallyChangesTheEntityAndReportStateAgrees() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let steps: [(String, String, String, String)] = [
      ("Alexa.PowerController", "TurnOff", "light.kitchen_lights", "off"),
      ("Alexa.PowerController", "TurnOn", "light.kitchen_lights", "on"),
      ("Alexa.LockController", "Lock", "lock.front_door", "locked"),
      ("Alexa.LockController", "Unlock", "lock.front_door", "unlocked"),
      ("Alexa.PowerController", "TurnOn", "input_boolean.guest_mode", "on"),
      ("Alexa.PowerController", "TurnOff", "input_boolean.guest_mode", "off"),
    ]
    for (namespace, name, entity, expected) in steps {
      let answer = try DemoHomeAssistant.reply(
        lambda, Directive.make(namespace, name, endpoint: entity.replacing(".", with: "#")))
      #expect(answer["event"]?["header"]?["name"] == "Response", "\(namespace).\(name): \(answer)")
      #expect(try DemoHomeAssistant.state(entity) == expected, "\(namespace).\(name) on \(entity)")
    }
    let brightness: JSON = ["brightness": 40]
    let set = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.BrightnessController", "SetBrightness", endpoint: "light#kitchen_lights",
        payload: brightness))
    let reported = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa", "ReportState", endpoint: "light#kitchen_lights"))
    for answer in [set, reported] {
      let level = answer["context"]?["properties"]?.array?.first { $0["name"] == "brightness" }?[
        "value"]
      #expect(level == 40, "\(answer)")
    }
    #expect(try DemoHomeAssistant.attribute("light.kitchen_lights", "brightness") == 102)
  }

  @Test func nativeThermostatSetpointReallyChanges() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let setpoint: JSON = ["targetSetpoint": ["value": 70, "scale": "FAHRENHEIT"]]
    let answer = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.ThermostatController", "SetTargetTemperature", endpoint: "climate#heatpump",
        payload: setpoint))
    #expect(answer["event"]?["header"]?["name"] == "Response", "\(answer)")
    #expect(
      try DemoHomeAssistant.attribute("climate.heatpump", "temperature") == 21.1,
      "70 °F in a metric home")
  }

  @Test func nativeUnknownEndpointIsNoSuchEndpoint() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let answer = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa", "ReportState", endpoint: "light#does_not_exist"))
    #expect(answer["event"]?["payload"]?["type"] == "NO_SUCH_ENDPOINT")
  }

  @Test func healthReportsHomeAssistantReachableWithItsVersion() throws {
    let lambda = try DemoHomeAssistant.proxy()
    defer { lambda.shutdown() }
    let health = try JSONParser.parse(lambda.invoke(Array(#"{"action":"health"}"#.utf8)).body)
    #expect(health["status"] == "ok")
    // Through the link, the function reports the checks the bridge made in the home.
    let checks =
      lambda.requestQueue == nil ? health["checks"] : health["checks"]?["homeLink"]?["home"]
    #expect(checks?["homeAssistant"]?["reachable"] == true, "\(health)")
    #expect(checks?["homeAssistant"]?["version"] == "2024.3.3")
    #expect(!health.description.contains(DemoHomeAssistant.token!))
  }

  @Test func proxyDiscoveryReturnsHomeAssistantsEndpoints() throws {
    let lambda = try DemoHomeAssistant.proxy()
    defer { lambda.shutdown() }
    let reply = try JSONParser.parse(
      lambda.invoke(Directive.make("Alexa.Discovery", "Discover", endpoint: nil)).body)
    #expect(reply["event"]?["header"]?["name"] == "Discover.Response")
    #expect((reply["event"]?["payload"]?["endpoints"]?.array?.count ?? 0) >= 60)
  }

  @Test func proxyControlReallyChangesTheEntity() throws {
    let lambda = try DemoHomeAssistant.proxy()
    defer { lambda.shutdown() }
    for (name, expected) in [("TurnOff", "off"), ("TurnOn", "on")] {
      let reply = try JSONParser.parse(
        lambda.invoke(
          Directive.make("Alexa.PowerController", name, endpoint: "light#kitchen_lights")
        )
        .body)
      #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
      #expect(try DemoHomeAssistant.state("light.kitchen_lights") == expected)
    }
  }

  @Test func aBadTokenIsInvalidAuthorizationCredential() throws {
    let lambda = try DemoHomeAssistant.proxy()
    defer { lambda.shutdown() }
    let reply = try JSONParser.parse(
      lambda.invoke(
        Directive.make("Alexa.Discovery", "Discover", endpoint: nil, token: "not-a-valid-token")
      ).body)
    #expect(reply["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(
      reply["event"]?["header"]?["correlationToken"] == "corr", "the request's token is echoed"
    )
  }
}
