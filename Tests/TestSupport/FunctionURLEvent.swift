import JSONCore

/// Lambda Function URL events (payload format 2.0), shaped as AWS sends them.
public enum FunctionURLEvent {
  public static func make(
    method: String = "POST", path: String = "/", headers: [String: String] = [:],
    body: String? = nil, base64: Bool = false
  ) -> JSON {
    var allHeaders = JSONObject([
      ("content-type", "application/json"), ("host", "abc123.lambda-url.eu-west-1.on.aws"),
      ("user-agent", "HomeAssistant/2024.3"), ("x-forwarded-proto", "https"),
    ])
    for (name, value) in headers { allHeaders[name.lowercased()] = .string(value) }
    var event = JSONObject([
      ("version", "2.0"), ("routeKey", "$default"), ("rawPath", .string(path)),
      ("rawQueryString", ""), ("headers", .object(allHeaders)),
      (
        "requestContext",
        [
          "accountId": "anonymous", "apiId": "abc123",
          "domainName": "abc123.lambda-url.eu-west-1.on.aws", "domainPrefix": "abc123",
          "http": [
            "method": .string(method), "path": .string(path), "protocol": "HTTP/1.1",
            "sourceIp": "203.0.113.7", "userAgent": "HomeAssistant/2024.3",
          ],
          "requestId": "c6af9ac6-7b61-11e6-9a41-93e812345678", "routeKey": "$default",
          "stage": "$default", "time": "01/Dec/2026:14:00:00 +0000",
          "timeEpoch": 1_796_133_600_000,
        ]
      ),
      ("isBase64Encoded", .bool(base64)),
    ])
    if let body { event["body"] = .string(body) }
    return .object(event)
  }
}
