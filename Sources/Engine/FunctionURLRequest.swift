import JSONCore

/// An HTTP request as a Lambda Function URL delivers it (payload format 2.0): header
/// names lower-cased, the body a string, base64 when `isBase64Encoded`. The reply is
/// `response(status:body:)`, which Lambda turns back into HTTP.
public struct FunctionURLRequest: Sendable {
  public let method: String
  public let path: String
  public let headers: [String: String]
  public let body: [UInt8]

  /// Nil for an event that is no Function URL request or whose base64 body is broken.
  public init?(_ event: JSON) {
    guard event["version"] == "2.0", let http = event["requestContext"]?["http"],
      let method = http["method"]?.string
    else { return nil }
    self.method = method
    path = event["rawPath"]?.string ?? "/"
    var headers: [String: String] = [:]
    for (name, value) in event["headers"]?.object ?? JSONObject() {
      if let value = value.string { headers[name.lowercased()] = value }
    }
    self.headers = headers
    let text = event["body"]?.string ?? ""
    if event["isBase64Encoded"]?.bool == true {
      guard let decoded = Base64.decode(text) else { return nil }
      body = decoded
    } else {
      body = Array(text.utf8)
    }
  }

  /// The reply Lambda sends back as the HTTP response.
  public static func response(status: Int, body: JSON) -> Reply {
    .json([
      "statusCode": JSON(status), "headers": ["content-type": "application/json"],
      "body": .string(JSONWriter().string(body)), "isBase64Encoded": false,
    ])
  }
}
