import Foundation
import JSONCore
import LambdaRuntime
import Testing

@Suite struct RuntimeClientTests {
  @Test func nextReadsEveryLambdaHeaderCaseInsensitively() throws {
    let server = try ScriptedServer(
      ScriptedServer.serving([
        ScriptedServer.invocation(
          extraHeaders:
            "Lambda-Runtime-Client-Context: ctx\r\nLAMBDA-RUNTIME-COGNITO-IDENTITY: cog\r\n")
      ]))
    let invocation = try RuntimeClient(endpoint: server.endpoint).next()
    #expect(invocation.requestId == "req-1")
    #expect(invocation.deadlineMilliseconds == 4_102_444_800_000)
    #expect(invocation.invokedFunctionArn == "arn:aws:lambda:us-east-1:1:function:f")
    #expect(invocation.traceId == "Root=1-abc;Sampled=1")
    #expect(invocation.clientContext == "ctx")
    #expect(invocation.cognitoIdentity == "cog")
    #expect(String(decoding: invocation.body, as: UTF8.self) == #"{"action":"ping"}"#)
    #expect(server.requests.first?.startLine == "GET /2018-06-01/runtime/invocation/next HTTP/1.1")
  }

  @Test func readsChunkedBodies() throws {
    let chunked = Array(
      ("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: c1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\nTrailer: x\r\n\r\n").utf8)
    let server = try ScriptedServer(ScriptedServer.serving([chunked]))
    let invocation = try RuntimeClient(endpoint: server.endpoint).next()
    #expect(String(decoding: invocation.body, as: UTF8.self) == #"{"a":12}"#)
  }

  @Test func waitsForASlowNextWithoutTimingOut() throws {
    let server = try ScriptedServer { _, _, socket in
      Thread.sleep(forTimeInterval: 0.3)
      try? socket.writeAll(ScriptedServer.invocation())
      return true
    }
    let started = Date()
    let invocation = try RuntimeClient(endpoint: server.endpoint).next()
    #expect(invocation.requestId == "req-1")
    #expect(Date().timeIntervalSince(started) >= 0.3)
  }

  @Test func aTruncatedBodyIsATransportError() throws {
    let server = try ScriptedServer { _, _, socket in
      try? socket.writeAll(
        Array(
          "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: t\r\nContent-Length: 100\r\n\r\n{\"a"
            .utf8)
      )
      return false
    }
    let client = try RuntimeClient(endpoint: server.endpoint)
    #expect {
      _ = try client.next()
    } throws: { error in
      guard case .transport(let why) = error as? RuntimeClientError else { return false }
      return why.contains("closed in the middle")
    }
  }

  /// Each once trapped or grew without bound: a chunk size whose sum with the body
  /// overflowed, and a head that never ends. Now each is a framing error.
  @Test(arguments: [
    ("Transfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nx", "bad chunk size"),
    ("Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nfffffff\r\n", "larger than"),
    ("Content-Length: 99999999999999999999999\r\n\r\n", "bad Content-Length"),
    ("Content-Length: 999999999999\r\n\r\n", "larger than"),
    ("X-Endless: " + String(repeating: "a", count: 70_000), "larger than"),
  ])
  func oversizedFramingIsRejected(head: String, reason: String) throws {
    let bytes = Array(
      ("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: o\r\n" + head).utf8)
    let server = try ScriptedServer { _, _, socket in
      try? socket.writeAll(bytes)
      Thread.sleep(forTimeInterval: 0.2)
      return false
    }
    let client = try RuntimeClient(endpoint: server.endpoint)
    #expect {
      _ = try client.next()
    } throws: { error in
      guard case .transport(let why) = error as? RuntimeClientError else { return false }
      return why.contains(reason)
    }
  }

  @Test func reconnectsWhenThePeerDropsAKeepAliveConnection() throws {
    // Every answer closes the connection without saying so: the client must notice and reconnect.
    let queue = ScriptedServer.serving([
      ScriptedServer.invocation(id: "a"), ScriptedServer.invocation(id: "b"),
    ])
    let server = try ScriptedServer { request, index, socket in
      _ = queue(request, index, socket)
      return false
    }
    let client = try RuntimeClient(endpoint: server.endpoint)
    #expect(try client.next().requestId == "a")
    try client.postResponse(requestId: "a", body: Array("1".utf8))
    #expect(try client.next().requestId == "b")
    #expect(server.connections == 3)
  }

  @Test func keepsOneConnectionAcrossInvocations() throws {
    let server = try ScriptedServer(
      ScriptedServer.serving([
        ScriptedServer.invocation(id: "a"), ScriptedServer.invocation(id: "b"),
      ]))
    let client = try RuntimeClient(endpoint: server.endpoint)
    for id in ["a", "b"] {
      _ = try client.next()
      try client.postResponse(requestId: id, body: Array("{}".utf8))
    }
    #expect(server.connections == 1)
    #expect(
      server.requests.map(\.startLine)[1]
        == "POST /2018-06-01/runtime/invocation/a/response HTTP/1.1")
    #expect(server.requests[1].header("content-length") == "2")
  }

  @Test func postsErrorsAndInitErrorsWithTheirType() throws {
    let server = try ScriptedServer(ScriptedServer.serving([]))
    let client = try RuntimeClient(endpoint: server.endpoint)
    try client.postError(
      requestId: "r", error: FunctionError(type: "Bad.Thing", message: "it \"broke\""))
    try client.postInitError(
      FunctionError(type: "Runtime.InvalidConfiguration", message: "HOME_ASSISTANT_URL"))
    let (error, initError) = (server.requests[0], server.requests[1])
    #expect(error.startLine == "POST /2018-06-01/runtime/invocation/r/error HTTP/1.1")
    #expect(error.header("Lambda-Runtime-Function-Error-Type") == "Bad.Thing")
    let body = try JSONParser.parse(error.body)
    #expect(body == ["errorMessage": "it \"broke\"", "errorType": "Bad.Thing", "stackTrace": []])
    #expect(initError.startLine == "POST /2018-06-01/runtime/init/error HTTP/1.1")
    #expect(
      initError.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InvalidConfiguration")
  }

  @Test func refusedConnectionIsATransientTransportError() throws {
    let unused = try Socket.listen(port: 0)
    let port = unused.localPort
    unused.close()
    let client = try RuntimeClient(endpoint: "127.0.0.1:\(port)")
    #expect {
      _ = try client.next()
    } throws: { error in
      (error as? RuntimeClientError)?.isTransient == true
    }
  }

  @Test(arguments: ["", "nohost", ":9001", "host:notaport", "host:70000"])
  func rejectsBadEndpoints(endpoint: String) {
    #expect(throws: RuntimeClientError.self) { try RuntimeClient(endpoint: endpoint) }
  }

  @Test func rejectsRequestIdsThatWouldChangeThePath() throws {
    let server = try ScriptedServer(
      ScriptedServer.serving([ScriptedServer.invocation(id: "../../init/error")]))
    #expect {
      _ = try RuntimeClient(endpoint: server.endpoint).next()
    } throws: { error in
      guard case .malformedInvocation = error as? RuntimeClientError else { return false }
      return true
    }
  }
}
