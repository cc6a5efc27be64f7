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

/// `HTTPHead.parse` and every accessor of what it returns, on arbitrary bytes: nothing
/// traps, and a well-formed head's headers read back as written.
@Suite struct HTTPHeadParsingTests {
  @Test func arbitraryHeadsNeverTrap() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("HTTP/1.0 2x:\r\n \tContent-Length:9Connection:close-Ü".utf8)
    for _ in 0..<20_000 {
      let count = Int.random(in: 0..<80, using: &generator)
      let bytes = (0..<count).map { _ in
        Bool.random(using: &generator)
          ? alphabet.randomElement(using: &generator)!
          : UInt8.random(in: 0...255, using: &generator)
      }
      guard let message = try? bytes.withUnsafeBufferPointer({ try HTTPHead.parse($0) }) else {
        continue
      }
      _ = (message.statusCode, message.closesConnection, message.contentLength, message.isChunked)
      for (name, _) in message.headers { _ = message.header(name) }
      message.forEachField { name, field in
        _ = (
          HTTPMessage.isNamed(name, "Content-Length"), message.value(field), message.number(field)
        )
      }
      _ = message.serialized()
    }
  }

  @Test func aWellFormedHeadReadsBackAsWritten() throws {
    let head = Array(
      "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id:  abc \r\nContent-Length: 16\r\nX-Empty:\r\nConnection: Keep-Alive"
        .utf8)
    let message = try head.withUnsafeBufferPointer { try HTTPHead.parse($0) }
    #expect(message.statusCode == 202)
    #expect(message.startLine == "HTTP/1.1 202 Accepted")
    #expect(message.header("lambda-runtime-aws-request-id") == "abc")
    #expect(message.header("X-Empty") == "")
    #expect(message.contentLength == .some(16))
    #expect(!message.closesConnection && !message.isChunked)
    #expect(
      message.headers.map(\.name) == [
        "Content-Type", "Lambda-Runtime-Aws-Request-Id", "Content-Length", "X-Empty", "Connection",
      ])
  }
}
