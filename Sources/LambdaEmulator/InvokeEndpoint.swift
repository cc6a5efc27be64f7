import LambdaRuntime

/// The Runtime Interface Emulator's invoke API:
/// `POST /2015-03-31/functions/function/invocations`, event in, reply out.
public enum InvokeEndpoint {
  public static let path = "/2015-03-31/functions/function/invocations"

  public static func serve(_ lambda: LocalLambda, port: UInt16) throws -> HTTPServer {
    let server = try HTTPServer(port: port) { request, _ in
      guard let (method, target) = request.requestLine, method == "POST",
        target == path || target.hasPrefix(path + "?")
      else {
        return .response(404, "Not Found", body: Array(#"{"message":"use POST \#(path)"}"#.utf8))
      }
      guard request.body.count <= LocalLambda.maximumPayloadBytes else {
        return .response(
          413, "Request Entity Too Large",
          body: FunctionError(type: "RequestTooLarge", message: "event exceeds 6 MB").jsonBody)
      }
      let result = lambda.invoke(request.body)
      var headers = [("X-Amz-Executed-Version", "$LATEST"), ("X-Amzn-RequestId", result.requestId)]
      if result.isError { headers.append(("X-Amz-Function-Error", "Unhandled")) }
      return .response(200, "OK", body: result.body, headers: headers)
    }
    server.start()
    return server
  }
}
