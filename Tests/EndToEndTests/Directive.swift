import JSONCore

/// Alexa Smart Home directives for the end-to-end suites. An empty token makes the
/// function use its configured one, as the local sample events do.
enum Directive {
  static func make(
    _ namespace: String, _ name: String, endpoint: String?, token: String = "", payload: JSON = [:]
  ) -> [UInt8] {
    var directive = JSONObject()
    directive["header"] = [
      "namespace": .string(namespace), "name": .string(name), "payloadVersion": "3",
      "messageId": "m-1",
      "correlationToken": "corr",
    ]
    let scope: JSON = ["type": "BearerToken", "token": .string(token)]
    if let endpoint {
      directive["endpoint"] = ["endpointId": .string(endpoint), "scope": scope]
      directive["payload"] = payload
    } else {
      directive["payload"] = ["scope": scope]
    }
    return JSONWriter().bytes(["directive": .object(directive)])
  }
}
