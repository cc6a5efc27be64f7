import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport

@testable import HomeAssistant

/// The outside services proactive events talk to, on loopback: a fake Login with Amazon
/// and event gateway (Fixtures/fake_alexa_cloud.py, validating every event against
/// Amazon's schema) and a fake SSM checking SigV4 with botocore.
final class AlexaCloud {
  static let clientId = "amzn1.application-oa2-client.test"
  static let clientSecret = "client-secret-for-tests"
  static let code = "ANAUTHORIZATIONCODE"
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  let amazon: FixtureServer
  let ssm: FixtureServer

  init(storedGrant: JSON? = nil) throws {
    amazon = try FixtureServer(
      script: Self.fixtures.appendingPathComponent("Fixtures/fake_alexa_cloud.py").path,
      arguments: [Self.clientId, Self.clientSecret, Self.code])
    var parameters = JSONObject()
    if let storedGrant {
      parameters["/lee/ALEXA_GRANT"] = .string(JSONWriter().string(storedGrant))
    }
    ssm = try FixtureServer(
      script: Self.fixtures.deletingLastPathComponent()
        .appendingPathComponent("EngineTests/Fixtures/fake_ssm.py").path,
      arguments: [
        "AKIDEXAMPLE", "ssm-secret", "eu-west-1", JSONWriter().string(.object(parameters)),
      ])
  }

  /// The function's environment for these fakes, events on.
  var environment: [String: String] {
    [
      "ALEXA_CLIENT_ID": Self.clientId, "ALEXA_CLIENT_SECRET": Self.clientSecret,
      "LWA_TOKEN_URL": amazon.url + "/auth/o2/token",
      "ALEXA_EVENT_GATEWAY_URL": amazon.url + "/v3/events",
      "PARAMETER_PREFIX": "/lee", "SSM_EXTENSION_URL": "http://127.0.0.1:1",
      "SSM_ENDPOINT": ssm.url + "/", "AWS_REGION": "eu-west-1",
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "ssm-secret",
      "HOME_ASSISTANT_TOKEN": "owner-token",
    ]
  }

  func script(_ script: JSON) throws {
    _ = try HTTPClient(userAgent: "lee-tests").send(
      HTTPRequest(method: "POST", url: amazon.url + "/__script", body: JSONWriter().bytes(script)),
      timeoutMilliseconds: 3000)
  }

  /// What the fake Amazon saw: token requests and events, each with its verdict.
  func log() throws -> [JSON] { try get(amazon.url + "/__log").array ?? [] }
  func events() throws -> [JSON] { try log().filter { $0["kind"] == "event" } }
  func tokenRequests() throws -> [JSON] { try log().filter { $0["kind"] == "token" } }

  /// The grant SSM holds now, and botocore's verdict on every SSM request.
  func storedGrant() throws -> JSON? {
    guard let text = try get(ssm.url + "/__parameters")["/lee/ALEXA_GRANT"]?.string else {
      return nil
    }
    return try JSONParser.parse(text)
  }
  func ssmProblems() throws -> [JSON] {
    (try get(ssm.url + "/__log").array ?? []).compactMap { $0["problem"] }.filter { !$0.isNull }
  }

  private func get(_ url: String) throws -> JSON {
    try JSONParser.parse(
      try HTTPClient(userAgent: "lee-tests").send(HTTPRequest(url: url), timeoutMilliseconds: 3000)
        .body)
  }

  static func grant(refresh: String, access: String, expiresIn: Int64) -> JSON {
    AlexaGrant(
      refreshToken: refresh, accessToken: access,
      expiresAt: Clock.wallMilliseconds() / 1000 + expiresIn
    ).json
  }

  static var acceptGrant: JSON {
    [
      "directive": [
        "header": [
          "namespace": "Alexa.Authorization", "name": "AcceptGrant", "messageId": "m",
          "payloadVersion": "3",
        ],
        "payload": [
          "grant": ["type": "OAuth2.AuthorizationCode", "code": .string(code)],
          "grantee": ["type": "BearerToken", "token": "linked"],
        ],
      ]
    ]
  }
}
