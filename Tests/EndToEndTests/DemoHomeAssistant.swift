import Engine
import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime

/// The demo Home Assistant's address and token, a direct REST read for checks, and the
/// function under lambda-local pointed at it.
enum DemoHomeAssistant {
  static let url = ProcessInfo.processInfo.environment["LEE_DEMO_HA_URL"]
  static let token = ProcessInfo.processInfo.environment["LEE_DEMO_HA_TOKEN"]

  static func read(_ entityId: String) throws -> JSON {
    let client = HTTPClient(userAgent: "lee-tests")
    let request = HTTPRequest(
      url: "\(url!)/api/states/\(entityId)", headers: [("Authorization", "Bearer \(token!)")])
    return try JSONParser.parse(client.send(request, timeoutMilliseconds: 3000).body)
  }

  static func state(_ entityId: String) throws -> String? { try read(entityId)["state"]?.string }

  static func attribute(_ entityId: String, _ name: String) throws -> JSON? {
    try read(entityId)["attributes"]?[name]
  }

  /// The real bootstrap under lambda-local, with the test process's environment plus these.
  static func lambda(_ environment: [String: String]) throws -> LocalLambda {
    try TestFunction.start(ProcessInfo.processInfo.environment.merging(environment) { $1 })
  }

  static func proxy() throws -> LocalLambda {
    try lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
      "ALEXA_MODE": "proxy",
    ])
  }

  static func native() throws -> LocalLambda {
    try lambda([
      "HOME_ASSISTANT_URL": DemoHomeAssistant.url!,
      "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token!,
    ])
  }

  static func reply(_ lambda: LocalLambda, _ event: [UInt8]) throws -> JSON {
    try JSONParser.parse(lambda.invoke(event).body)
  }
}
