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
  private func lambda(_ environment: [String: String]) throws -> LocalLambda {
    var configuration = FunctionConfiguration(bootstrapPath: Binaries.bootstrap)
    configuration.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let lambda = LocalLambda(configuration: configuration, report: { _ in })
    try lambda.start()
    return lambda
  }

  private func proxy() throws -> LocalLambda {
    try lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      "ALEXA_MODE": "proxy",
    ])
  }

  private func directive(_ namespace: String, _ name: String, endpoint: String?, token: String = "")
    -> [UInt8]
  {
    var directive: JSONObject = JSONObject([
      (
        "header",
        [
          "namespace": .string(namespace), "name": .string(name), "payloadVersion": "3",
          "messageId": "m-1",
          "correlationToken": "corr",
        ]
      )
    ])
    let scope: JSON = ["type": "BearerToken", "token": .string(token)]
    if let endpoint {
      directive["endpoint"] = ["endpointId": .string(endpoint), "scope": scope]
      directive["payload"] = [:]
    } else {
      directive["payload"] = ["scope": scope]
    }
    return JSONWriter().bytes(["directive": .object(directive)])
  }

  @Test func healthReportsHomeAssistantReachableWithItsVersion() throws {
    let lambda = try proxy()
    defer { lambda.shutdown() }
    let health = try JSONParser.parse(lambda.invoke(Array(#"{"action":"health"}"#.utf8)).body)
    #expect(health["status"] == "ok")
    #expect(health["checks"]?["homeAssistant"]?["reachable"] == true)
    #expect(health["checks"]?["homeAssistant"]?["version"] == "2024.3.3")
    #expect(!health.description.contains(DemoHomeAssistant.token!))
  }

  @Test func proxyDiscoveryReturnsHomeAssistantsEndpoints() throws {
    let lambda = try proxy()
    defer { lambda.shutdown() }
    let reply = try JSONParser.parse(
      lambda.invoke(directive("Alexa.Discovery", "Discover", endpoint: nil)).body)
    #expect(reply["event"]?["header"]?["name"] == "Discover.Response")
    #expect((reply["event"]?["payload"]?["endpoints"]?.array?.count ?? 0) >= 60)
  }

  @Test func proxyControlReallyChangesTheEntity() throws {
    let lambda = try proxy()
    defer { lambda.shutdown() }
    for (name, expected) in [("TurnOff", "off"), ("TurnOn", "on")] {
      let reply = try JSONParser.parse(
        lambda.invoke(directive("Alexa.PowerController", name, endpoint: "light#kitchen_lights"))
          .body)
      #expect(reply["event"]?["header"]?["name"] == "Response", "\(reply)")
      #expect(try DemoHomeAssistant.state("light.kitchen_lights") == expected)
    }
  }

  @Test func aBadTokenIsInvalidAuthorizationCredential() throws {
    let lambda = try proxy()
    defer { lambda.shutdown() }
    let reply = try JSONParser.parse(
      lambda.invoke(
        directive("Alexa.Discovery", "Discover", endpoint: nil, token: "not-a-valid-token")
      ).body)
    #expect(reply["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(
      reply["event"]?["header"]?["correlationToken"] == "corr", "the request's token is echoed"
    )
  }
}

/// The demo Home Assistant's address and token, and a direct REST read for checks.
enum DemoHomeAssistant {
  static let url = ProcessInfo.processInfo.environment["LEE_DEMO_HA_URL"]
  static let token = ProcessInfo.processInfo.environment["LEE_DEMO_HA_TOKEN"]

  static func state(_ entityId: String) throws -> String? {
    let client = HTTPClient(userAgent: "lee-tests")
    let response = try client.send(
      HTTPRequest(
        url: "\(url!)/api/states/\(entityId)", headers: [("Authorization", "Bearer \(token!)")]),
      timeoutMilliseconds: 3000)
    return try JSONParser.parse(response.body)["state"]?.string
  }
}
