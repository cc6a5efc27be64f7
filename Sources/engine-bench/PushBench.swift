import Engine
import HomeAssistant
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Synchronization

/// A push from Home Assistant to the event gateway, warm, through the in-process gateway:
/// the Function URL event in, the ChangeReport out to a local fake gateway (202), beside
/// the bare POST of an event of the same size. One local server plays Login with Amazon,
/// SSM and the gateway; nothing is checked here (the tests do that).
struct PushBench {
  let samples: Int
  static let secret = "bench-push-secret-of-at-least-32-chars"

  func figures() throws -> JSON {
    let stored = Mutex<String?>(nil)
    let server = try HTTPServer(port: 0) { request, _ in
      let target = request.requestLine?.target ?? ""
      if target == "/auth/o2/token" {
        return .response(
          200, "OK",
          body: Array(
            #"{"access_token":"Atza|bench","refresh_token":"Atzr|bench","expires_in":3600}"#.utf8))
      }
      if target == "/v3/events" { return .response(202, "Accepted") }
      // SSM: PutParameter keeps the value, GetParameter returns it.
      if request.header("X-Amz-Target") == "AmazonSSM.PutParameter" {
        let value = (try? JSONParser.parse(request.body))?["Value"]?.string
        stored.withLock { $0 = value }
        return .response(200, "OK", body: Array(#"{"Version":1}"#.utf8))
      }
      let value = stored.withLock { $0 } ?? ""
      return .response(
        200, "OK", body: JSONWriter().bytes(["Parameter": ["Value": .string(value)]]))
    }
    server.start()
    defer { server.stop() }
    let url = "http://127.0.0.1:\(server.port)"
    let gateway = try Gateway(
      environment: [
        "HOME_ASSISTANT_URL": "http://127.0.0.1:1", "ALEXA_CLIENT_ID": "bench",
        "ALEXA_CLIENT_SECRET": "bench", "LWA_TOKEN_URL": url + "/auth/o2/token",
        "ALEXA_EVENT_GATEWAY_URL": url + "/v3/events", "HOME_ASSISTANT_PUSH_SECRET": Self.secret,
        "AWS_ENDPOINT_URL_SSM": url + "/", "SSM_EXTENSION_URL": "http://127.0.0.1:1",
        "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "PRECONNECT": "false",
      ], log: RuntimeLog(format: .json, threshold: .error))
    try HomeAssistantExtension.install(on: gateway)
    _ = try gateway.handle(invocation(Self.acceptGrant))
    var pushes: [Double] = []
    var bare: [Double] = []
    let direct = HTTPClient(userAgent: "engine-bench")
    for index in 0..<(samples + 4) {
      let push = try wallMilliseconds { _ = try gateway.handle(invocation(Self.push(index))) }
      let post = try wallMilliseconds {
        _ = try direct.send(
          HTTPRequest(
            method: "POST", url: url + "/v3/events", headers: [("Authorization", "Bearer x")],
            body: Array(repeating: UInt8(ascii: " "), count: 900)), timeoutMilliseconds: 3000)
      }
      guard index >= 4 else { continue }
      pushes.append(push)
      bare.append(post)
    }
    return ["pushMs": .number(median(pushes)), "barePostMs": .number(median(bare))]
  }

  private func invocation(_ event: JSON) -> Invocation {
    Invocation(
      requestId: "bench", deadlineMilliseconds: Clock.wallMilliseconds() + 60_000,
      body: JSONWriter().bytes(event))
  }

  static let acceptGrant: JSON = [
    "directive": [
      "header": [
        "namespace": "Alexa.Authorization", "name": "AcceptGrant", "messageId": "m",
        "payloadVersion": "3",
      ],
      "payload": ["grant": ["type": "OAuth2.AuthorizationCode", "code": "c"]],
    ]
  ]

  /// A light turned on or off, as the Home Assistant package pushes it.
  static func push(_ index: Int) -> JSON {
    let (new, old) = index % 2 == 0 ? ("on", "off") : ("off", "on")
    let attributes: JSON = [
      "friendly_name": "Kitchen Lights", "supported_color_modes": ["brightness"],
      "color_mode": "brightness", "brightness": 180,
    ]
    let body: JSON = [
      "entity_id": "light.kitchen_lights",
      "new_state": ["state": .string(new), "attributes": attributes],
      "old_state": ["state": .string(old), "attributes": attributes],
    ]
    return [
      "version": "2.0", "rawPath": "/", "routeKey": "$default",
      "headers": ["authorization": .string("Bearer \(secret)")],
      "requestContext": ["http": ["method": "POST", "path": "/"]],
      "body": .string(JSONWriter().string(body)), "isBase64Encoded": false,
    ]
  }
}
