import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

@Suite struct ProxyAndClientTests {
  static let discovery =
    #"{"directive":{"header":{"namespace":"Alexa.Discovery","name":"Discover","payloadVersion":"3","messageId":"m-1"},"payload":{"scope":{"type":"BearerToken","token":"linked-token"}}}}"#

  private func gateway(_ environment: [String: String]) throws -> Gateway {
    let gateway = try Gateway(
      environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
    try HomeAssistantExtension.install(on: gateway)
    return gateway
  }

  private func invoke(_ gateway: Gateway, _ body: String, remaining: Int64 = 8000) throws -> [UInt8]
  {
    try gateway.handle(
      Invocation(
        requestId: "r", deadlineMilliseconds: Clock.wallMilliseconds() + remaining,
        body: Array(body.utf8)))
  }

  @Test func proxyForwardsByteForByteWithTheLinkedTokenAndReturnsTheReplyUntouched() throws {
    let reply = Array(
      #"{"event":{"header":{"name":"Discover.Response"},"payload":{"endpoints":[]}}}"#.utf8)
    let home = try FakeUpstream { _ in .response(200, "OK", body: reply) }
    let gateway = try gateway([
      "HOME_ASSISTANT_URL": home.url, "ALEXA_MODE": "proxy", "PRECONNECT": "false",
    ])
    #expect(try invoke(gateway, Self.discovery) == reply)
    let request = try #require(home.requests.first)
    #expect(request.startLine == "POST /api/alexa/smart_home HTTP/1.1")
    #expect(request.header("Authorization") == "Bearer linked-token")
    #expect(request.body == Array(Self.discovery.utf8))
  }

  @Test(arguments: [401, 403])
  func refusedTokensAreInvalidAuthorizationCredential(status: Int) throws {
    let home = try FakeUpstream { _ in .response(status, "Refused") }
    let gateway = try gateway([
      "HOME_ASSISTANT_URL": home.url, "ALEXA_MODE": "proxy", "PRECONNECT": "false",
    ])
    let reply = try JSONParser.parse(try invoke(gateway, Self.discovery))
    #expect(reply["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(try AlexaSchema.problems([reply]) == [nil])
  }

  @Test func aHomeAssistantThatIsDownIsBridgeUnreachableWithinTheBudget() throws {
    let unused = try Socket.listen(port: 0)
    let url = "http://127.0.0.1:\(unused.localPort)"
    unused.close()
    let slow = try FakeUpstream { _ in
      Thread.sleep(forTimeInterval: 5)
      return .response(200, "OK")
    }
    for home in [url, slow.url] {
      let gateway = try gateway([
        "HOME_ASSISTANT_URL": home, "ALEXA_MODE": "proxy", "PRECONNECT": "false",
      ])
      let started = Date()
      let reply = try JSONParser.parse(try invoke(gateway, Self.discovery, remaining: 1500))
      #expect(
        Date().timeIntervalSince(started) < 1.3, "answered before the deadline, with the margin")
      #expect(reply["event"]?["payload"]?["type"] == "BRIDGE_UNREACHABLE")
    }
  }

  @Test func withoutAnyTokenTheErrorAsksForLinking() throws {
    let home = try FakeUpstream { _ in .response(200, "OK") }
    let gateway = try gateway([
      "HOME_ASSISTANT_URL": home.url, "ALEXA_MODE": "proxy", "PRECONNECT": "false",
    ])
    let body = Self.discovery.replacing("linked-token", with: "")
    let reply = try JSONParser.parse(try invoke(gateway, body))
    #expect(reply["event"]?["payload"]?["type"] == "INVALID_AUTHORIZATION_CREDENTIAL")
    #expect(home.requests.isEmpty)
  }

  @Test func theClientReadsStatesAndCallsServices() throws {
    let home = try FakeUpstream { request in
      switch request.requestLine?.target {
      case "/api/states/light.kitchen":
        .response(200, "OK", body: Array(#"{"entity_id":"light.kitchen","state":"on"}"#.utf8))
      case "/api/states/light.none":
        .response(404, "Not Found", body: Array(#"{"message":"Entity not found."}"#.utf8))
      case "/api/services/light/turn_off":
        .response(200, "OK", body: Array(#"[{"entity_id":"light.kitchen","state":"off"}]"#.utf8))
      default: .response(500, "Server Error")
      }
    }
    let gateway = try gateway(["PRECONNECT": "false"])
    let invocation = Invocation(
      requestId: "r", deadlineMilliseconds: Clock.wallMilliseconds() + 8000, body: [])
    let client = try HomeAssistantClient.connect(
      linkedToken: "t",
      settings: try HomeAssistantSettings(environment: ["HOME_ASSISTANT_URL": home.url]),
      services: gateway.services, invocation: invocation)
    #expect(try client.state("light.kitchen")?["state"] == "on")
    #expect(try client.state("light.none") == nil)
    let changed = try client.callService("light", "turn_off", data: ["entity_id": "light.kitchen"])
    #expect(changed.first?["state"] == "off")
    #expect(home.requests.last?.body == Array(#"{"entity_id":"light.kitchen"}"#.utf8))
    #expect(throws: HomeAssistantError.self) { try client.config() }
  }
}
