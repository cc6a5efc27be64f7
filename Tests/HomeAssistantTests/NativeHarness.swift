import Engine
import Foundation
import HomeAssistant
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// Builds directives, runs them through a gateway with the Home Assistant extension, and
/// reads replies.
enum NativeHarness {
  static func directive(
    _ namespace: String, _ name: String, _ endpointId: String, payload: JSON = [:],
    instance: String? = nil
  ) -> JSON {
    var header = JSONObject([
      ("namespace", .string(namespace)), ("name", .string(name)), ("payloadVersion", "3"),
      ("messageId", "m"), ("correlationToken", "ct"),
    ])
    if let instance { header["instance"] = .string(instance) }
    return [
      "directive": [
        "header": .object(header),
        "endpoint": [
          "endpointId": .string(endpointId), "scope": ["type": "BearerToken", "token": "linked"],
        ],
        "payload": payload,
      ]
    ]
  }

  /// `event` through a gateway for `home`, with `environment` added and `deadline`
  /// milliseconds to answer.
  static func run(
    _ home: FakeHome, _ event: JSON, environment: [String: String] = [:], deadline: Int64 = 8000
  ) throws -> JSON {
    try answer(try gateway(home, environment: environment), event, deadline: deadline)
  }

  /// `event` against a fake home serving `states`, its reply checked against Amazon's
  /// schema and rules; the home, to see the calls it took.
  static func runChecked(_ event: JSON, serving states: [JSON]) throws -> (FakeHome, JSON) {
    let home = try FakeHome(serving: states)
    let reply = try run(home, event)
    #expect(try AlexaSchema.problems([reply]) == [nil])
    return (home, reply)
  }

  /// A gateway for `home` that several directives can share (its cache lives on).
  static func gateway(
    _ home: FakeHome, environment: [String: String] = [:], log: RuntimeLog? = nil
  ) throws -> Gateway {
    let gateway = try Gateway(
      environment: [
        "HOME_ASSISTANT_URL": home.upstream.url, "PRECONNECT": "false",
        "ALEXA_SKILL_ID": SkillEvent.skillId,
      ].merging(environment, uniquingKeysWith: { $1 }),
      log: log ?? RuntimeLog(format: .json, threshold: .fatal))
    try HomeAssistantExtension.install(on: gateway)
    return gateway
  }

  /// A gateway for `home` with Alexa events on against `cloud`'s fakes (the push secret
  /// `AlexaEventsTests.pushSecret`), its grant already accepted.
  static func eventsGateway(_ home: FakeHome, _ cloud: FakeAlexaCloud) throws -> Gateway {
    let gateway = try gateway(
      home,
      environment: cloud.environment.merging([
        "HOME_ASSISTANT_PUSH_SECRET": AlexaEventsTests.pushSecret,
        "HOME_ASSISTANT_TOKEN": "owner-token",
      ]) { $1 })
    _ = try answer(gateway, FakeAlexaCloud.acceptGrant)
    return gateway
  }

  static func answer(_ gateway: Gateway, _ event: JSON, deadline: Int64 = 8000) throws -> JSON {
    let invocation = Invocation(
      requestId: "r", deadlineMilliseconds: Clock.wallMilliseconds() + deadline,
      body: JSONWriter().bytes(event))
    return try JSONParser.parse(try gateway.handle(invocation))
  }

  static func properties(_ reply: JSON) -> [String: JSON] {
    Dictionary(
      (reply["context"]?["properties"]?.array ?? []).map {
        ($0["name"]?.string ?? "", $0["value"] ?? .null)
      },
      uniquingKeysWith: { first, _ in first })
  }
}
