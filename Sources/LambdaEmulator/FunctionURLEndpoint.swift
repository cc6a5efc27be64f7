import Foundation
import JSONCore
import LambdaRuntime

/// A Lambda Function URL on loopback (`lambda-local serve --url-port`): each HTTP request
/// becomes a payload-format-2.0 event, as AWS builds it, and the function's
/// `statusCode` / `headers` / `body` become the HTTP response. A reply without
/// `statusCode` is a 200 with the reply as its JSON body; a function error is a 502, as
/// AWS answers it.
public enum FunctionURLEndpoint {
  public static func serve(_ lambda: LocalLambda, port: UInt16) throws -> HTTPServer {
    let server = try HTTPServer(port: port) { request, _ in
      guard request.body.count <= LocalLambda.maximumPayloadBytes else {
        return .response(413, "Request Entity Too Large", body: Array(#"{"Message":null}"#.utf8))
      }
      let result = lambda.invoke(JSONWriter().bytes(event(for: request, port: port)))
      guard !result.isError else {
        return .response(
          502, "Bad Gateway", body: Array(#"{"Message":"Internal Server Error"}"#.utf8))
      }
      return response(from: result.body)
    }
    server.start()
    return server
  }

  /// The event AWS sends for `request` (payload format 2.0).
  public static func event(for request: HTTPMessage, port: UInt16) -> JSON {
    let (method, target) = request.requestLine ?? ("GET", "/")
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = parts.first.map(String.init) ?? "/"
    var headers = JSONObject()
    for header in request.headers {
      let name = header.name.lowercased()
      // Repeated headers are joined with commas, as AWS does.
      if let existing = headers[name]?.string {
        headers[name] = .string(existing + "," + header.value)
      } else {
        headers[name] = .string(header.value)
      }
    }
    let host = "localhost.lambda-url.local"
    let text = String(validating: request.body, as: UTF8.self)
    let now = Clock.wallMilliseconds()
    var event = JSONObject([
      ("version", "2.0"), ("routeKey", "$default"), ("rawPath", .string(path)),
      ("rawQueryString", .string(parts.count > 1 ? String(parts[1]) : "")),
      ("headers", .object(headers)),
      (
        "requestContext",
        [
          "accountId": "anonymous", "apiId": "localhost", "domainName": .string(host),
          "domainPrefix": "localhost",
          "http": [
            "method": .string(method), "path": .string(path), "protocol": "HTTP/1.1",
            "sourceIp": "127.0.0.1", "userAgent": .string(headers["user-agent"]?.string ?? ""),
          ],
          "requestId": .string(UUID().uuidString.lowercased()), "routeKey": "$default",
          "stage": "$default", "time": .string(Clock.iso8601(milliseconds: now)),
          "timeEpoch": JSON(Int(now)),
        ]
      ),
    ])
    if !request.body.isEmpty {
      event["body"] = .string(text ?? Data(request.body).base64EncodedString())
    }
    event["isBase64Encoded"] = .bool(!request.body.isEmpty && text == nil)
    return .object(event)
  }

  /// The HTTP response Lambda makes of a function's reply.
  public static func response(from reply: [UInt8]) -> HTTPMessage {
    guard let parsed = try? JSONParser.parse(reply), let status = parsed["statusCode"]?.int,
      (100...599).contains(status)
    else {
      return .response(200, "OK", body: reply, headers: [("Content-Type", "application/json")])
    }
    var headers: [(String, String)] = []
    for (name, value) in parsed["headers"]?.object ?? JSONObject() {
      if let value = value.string { headers.append((name, value)) }
    }
    let text = parsed["body"]?.string ?? ""
    let body =
      parsed["isBase64Encoded"]?.bool == true
      ? Array(Data(base64Encoded: text) ?? Data()) : Array(text.utf8)
    return .response(status, "Function URL", body: body, headers: headers)
  }
}
