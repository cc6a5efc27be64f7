import Testing

@testable import LambdaRuntime

/// The accessors the runtime loop reads on every invocation, which now work on bytes.
@Suite struct HTTPMessageTests {
  @Test(arguments: [
    ("HTTP/1.1 200 OK", 200), ("HTTP/1.1 202 Accepted", 202), ("HTTP/1.0 404", 404),
    ("HTTP/1.1 500 Internal Server Error", 500), ("HTTP/1.1 2000 Odd", 0), ("HTTP/1.1 20 x", 0),
    ("HTTP/1.1 2x0 x", 0), ("HTTP/1.1", 0), ("HTTP/1.1 ", 0), ("HTTQ/1.1 200 OK", 0),
    ("GET / HTTP/1.1", 0), ("", 0), ("HTTP/1.1 -20 x", 0),
  ])
  func theStatusCodeIsThreeDigitsAfterTheVersion(line: String, code: Int) {
    #expect(HTTPMessage(startLine: line).statusCode == code)
  }

  @Test func headersAreFoundWhateverTheirCase() {
    let message = HTTPMessage(
      startLine: "HTTP/1.1 200 OK",
      headers: [
        ("content-length", "5"), ("Lambda-Runtime-AWS-Request-Id", "abc"),
        ("Connection", "Keep-Alive, Close"), ("X-Ünïcode", "v"),
      ])
    #expect(message.header("Content-Length") == "5")
    #expect(message.header("lambda-runtime-aws-request-id") == "abc")
    #expect(message.header("Lambda-Runtime-Aws-Request-Idx") == nil)
    #expect(message.header("X-Ünïcode") == "v")
    #expect(message.header("x-ünïcode") == nil, "only ASCII letters fold")
    #expect(message.closesConnection)
  }
}
