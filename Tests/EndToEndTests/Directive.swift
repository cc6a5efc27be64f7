import JSONCore

/// Alexa Smart Home directives for the end-to-end suites. An empty token makes the
/// function use its configured one, as the local sample events do.
enum Directive {
  static func make(
    _ namespace: String, _ name: String, endpoint: String?, token: String = "", payload: JSON = [:],
    instance: String? = nil
  ) -> [UInt8] {
    var header = JSONObject([
      ("namespace", .string(namespace)), ("name", .string(name)), ("payloadVersion", "3"),
      ("messageId", "m-1"), ("correlationToken", "corr"),
    ])
    if let instance { header["instance"] = .string(instance) }
    var directive = JSONObject()
    directive["header"] = .object(header)
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
