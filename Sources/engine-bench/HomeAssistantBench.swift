import Engine
import HomeAssistant
import JSONCore
import LambdaRuntime

/// Native and proxy Alexa handling against a real Home Assistant, beside the bare REST
/// call the native path makes; and discovery CPU for a synthetic 300-entity home.
struct HomeAssistantBench {
  let url: String
  let token: String
  let samples: Int

  func figures() throws -> JSON {
    let direct = HTTPClient(userAgent: "engine-bench")
    let rest = try wallMedian { index in
      let service = index % 2 == 0 ? "turn_off" : "turn_on"
      let request = HTTPRequest(
        method: "POST", url: "\(url)/api/services/light/\(service)",
        headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
        body: Array(#"{"entity_id":"light.kitchen_lights"}"#.utf8))
      _ = try direct.send(request, timeoutMilliseconds: 5000)
    }
    let native = try gateway(mode: "native")
    let proxy = try gateway(mode: "proxy")
    let nativeTurnOn = try wallMedian { index in _ = try native.handle(power(index)) }
    let proxyTurnOn = try wallMedian { index in _ = try proxy.handle(power(index)) }
    let nativeDiscover = try wallMedian { _ in _ = try native.handle(discover) }
    let proxyDiscover = try wallMedian { _ in _ = try proxy.handle(discover) }
    // The custom skill: one Assist turn through the gateway, beside the bare conversation call.
    let assistRest = try wallMedian { index in
      let request = HTTPRequest(
        method: "POST", url: "\(url)/api/conversation/process",
        headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
        body: JSONWriter().bytes(["text": .string(utterance(index)), "language": "en-US"]))
      _ = try direct.send(request, timeoutMilliseconds: 5000)
    }
    let assist = try wallMedian { index in _ = try native.handle(assistTurn(index)) }
    let progressive = try ProgressiveBench(url: url, token: token, samples: samples).figures()
    let push = try PushBench(samples: samples).figures()
    return [
      "push": push,
      "assistRestMs": .number(assistRest), "assistSkillMs": .number(assist),
      "progressive": progressive,
      "restTurnOnMs": .number(rest), "nativeTurnOnMs": .number(nativeTurnOn),
      "proxyTurnOnMs": .number(proxyTurnOn),
      "nativeDiscoverMs": .number(nativeDiscover), "proxyDiscoverMs": .number(proxyDiscover),
      "discover300CpuMs": .number(try discoveryCPU()), "samples": JSON(samples),
    ]
  }

  func gateway(mode: String, adding extra: [String: String] = [:]) throws -> Gateway {
    let gateway = try Gateway(
      environment: [
        "HOME_ASSISTANT_URL": url, "HOME_ASSISTANT_TOKEN": token, "ALEXA_MODE": mode,
        "ALEXA_SKILL_ID": Self.skillId,
      ].merging(extra) { $1 },
      log: RuntimeLog(format: .json, threshold: .error))
    try HomeAssistantExtension.install(on: gateway)
    return gateway
  }

  func invocation(_ event: JSON) -> Invocation {
    Invocation(
      requestId: "bench", deadlineMilliseconds: Clock.wallMilliseconds() + 60_000,
      body: JSONWriter().bytes(event))
  }

  private func power(_ index: Int) -> Invocation {
    invocation([
      "directive": [
        "header": [
          "namespace": "Alexa.PowerController",
          "name": .string(index % 2 == 0 ? "TurnOff" : "TurnOn"),
          "payloadVersion": "3", "messageId": "m", "correlationToken": "c",
        ],
        "endpoint": [
          "endpointId": "light#kitchen_lights",
          "scope": ["type": "BearerToken", "token": .string(token)],
        ],
        "payload": [:],
      ]
    ])
  }

  static let skillId = "amzn1.ask.skill.bench"

  func utterance(_ index: Int) -> String {
    index % 2 == 0 ? "turn off the kitchen lights" : "turn on the kitchen lights"
  }

  /// An IntentRequest as Alexa sends it for "ask home assistant to turn on the kitchen lights".
  func assistTurn(_ index: Int, apiAccessToken: String? = nil) -> Invocation {
    let words = utterance(index).split(separator: " ", maxSplits: 1)
    var system = JSONObject([("apiEndpoint", "https://api.amazonalexa.com")])
    if let apiAccessToken { system["apiAccessToken"] = .string(apiAccessToken) }
    return invocation([
      "context": ["System": .object(system)],
      "version": "1.0",
      "session": [
        "new": true, "sessionId": "s", "attributes": [:],
        "application": ["applicationId": .string(Self.skillId)],
        "user": ["userId": "u", "accessToken": .string(token)],
      ],
      "request": [
        "type": "IntentRequest", "requestId": "r", "locale": "en-US",
        "intent": [
          "name": "AssistTurnIntent",
          "slots": ["query": ["name": "query", "value": .string(String(words[1]))]],
        ],
      ],
    ])
  }

  private var discover: Invocation {
    invocation([
      "directive": [
        "header": [
          "namespace": "Alexa.Discovery", "name": "Discover", "payloadVersion": "3",
          "messageId": "m",
        ],
        "payload": ["scope": ["type": "BearerToken", "token": .string(token)]],
      ]
    ])
  }

  /// Median wall time in milliseconds of `samples` runs, after a few warm-up runs.
  private func wallMedian(_ body: (Int) throws -> Void) throws -> Double {
    for index in 0..<4 { try body(index) }
    var times: [Double] = []
    for index in 0..<samples {
      times.append(try wallMilliseconds { try body(index) })
    }
    return median(times)
  }

  /// Thread CPU of one native discovery translation of 300 entities (no I/O).
  func discoveryCPU() throws -> Double {
    let client = HTTPClient(userAgent: "engine-bench")
    let response = try client.send(
      HTTPRequest(url: "\(url)/api/states", headers: [("Authorization", "Bearer \(token)")]),
      timeoutMilliseconds: 5000)
    let demo = try JSONParser.parse(response.body).array ?? []
    let exposed = demo.filter { state in
      ["light", "switch", "fan", "lock", "scene", "input_boolean"].contains {
        state["entity_id"]?.string?.hasPrefix($0 + ".") == true
      }
    }
    var home: [JSON] = []
    var copy = 0
    while home.count < 300 {
      for state in exposed where home.count < 300 {
        guard case .object(var object) = state, let id = state["entity_id"]?.string else {
          continue
        }
        object["entity_id"] = .string("\(id)_\(copy)")
        home.append(.object(object))
      }
      copy += 1
    }
    let settings = try HomeAssistantSettings(environment: [:])
    let logger = Logger(sink: RuntimeLog(format: .json, threshold: .error), redactor: Redactor())
    var times: [Double] = []
    for _ in 0..<50 {
      let start = threadCPUNanoseconds()
      let reply = HomeAssistantExtension.discoveryReply(
        states: home, settings: settings, logger: logger)
      _ = JSONWriter().bytes(reply)
      times.append(Double(threadCPUNanoseconds() - start) / 1e6)
    }
    return median(times)
  }
}
