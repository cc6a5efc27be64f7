import Foundation
import JSONCore
import LambdaRuntime
import Testing

/// Serialized: the trace id lives in the process-wide environment.
@Suite(.serialized) struct RuntimeLoopTests {
  private let quietLog = RuntimeLog(format: .text, threshold: .fatal)
  private let fastRetry = RetryPolicy(pausesMilliseconds: [1, 1])

  @Test func aThrowingHandlerPostsAnErrorAndTheLoopGoesOn() throws {
    let server = try ScriptedServer(
      ScriptedServer.serving([
        ScriptedServer.invocation(id: "bad"), ScriptedServer.invocation(id: "good"),
      ]))
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: server.endpoint), log: quietLog, retry: fastRetry)
    try loop.run(limit: 2) { invocation in
      if invocation.requestId == "bad" {
        throw FunctionError(type: "Test.Failure", message: "boom")
      }
      return Array("ok".utf8)
    }
    let posts = server.requests.filter { $0.requestLine?.method == "POST" }
    #expect(
      posts.map(\.startLine) == [
        "POST /2018-06-01/runtime/invocation/bad/error HTTP/1.1",
        "POST /2018-06-01/runtime/invocation/good/response HTTP/1.1",
      ])
    #expect(posts[0].header("Lambda-Runtime-Function-Error-Type") == "Test.Failure")
    #expect(posts[1].body == Array("ok".utf8))
  }

  /// The reply is posted before the work after it, and the next event is asked for only
  /// once that work is done.
  @Test func workAfterTheReplyRunsBeforeTheNextPoll() throws {
    let server = try ScriptedServer(
      ScriptedServer.serving([
        ScriptedServer.invocation(id: "first"), ScriptedServer.invocation(id: "second"),
      ]))
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: server.endpoint), log: quietLog, retry: fastRetry)
    var seenAfterReply: [(String, Int)] = []
    try loop.run(
      limit: 2, { _ in Array("ok".utf8) },
      afterReply: { invocation in
        seenAfterReply.append((invocation.requestId, server.requests.count))
      })
    let lines = server.requests.map(\.startLine)
    #expect(
      lines == [
        "GET /2018-06-01/runtime/invocation/next HTTP/1.1",
        "POST /2018-06-01/runtime/invocation/first/response HTTP/1.1",
        "GET /2018-06-01/runtime/invocation/next HTTP/1.1",
        "POST /2018-06-01/runtime/invocation/second/response HTTP/1.1",
      ])
    // After "first" was answered (2 requests seen) and before the second poll.
    #expect(seenAfterReply.map(\.0) == ["first", "second"])
    #expect(seenAfterReply.map(\.1) == [2, 4])
  }

  @Test func setsTheTraceIdForTheHandler() throws {
    let server = try ScriptedServer(ScriptedServer.serving([ScriptedServer.invocation()]))
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: server.endpoint), log: quietLog, retry: fastRetry)
    var seen: String?
    try loop.run(limit: 1) { invocation in
      seen = getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) }
      #expect(invocation.remainingMilliseconds > 0)
      return []
    }
    #expect(seen == "Root=1-abc;Sampled=1")
  }

  @Test func retriesA500OnTheResponsePostThenGivesUp() throws {
    let server = try ScriptedServer { request, _, socket in
      if request.requestLine?.method == "GET" {
        try? socket.writeAll(ScriptedServer.invocation())
      } else {
        try? socket.writeAll(
          HTTPMessage(startLine: "HTTP/1.1 500 Internal Server Error").serialized()
        )
      }
      return true
    }
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: server.endpoint), log: quietLog, retry: fastRetry)
    #expect {
      try loop.run(limit: 5) { _ in Array("ok".utf8) }
    } throws: { error in
      guard case .status(500, _) = error as? RuntimeClientError else { return false }
      return true
    }
    // One GET, then the first POST and one per pause of the retry policy.
    #expect(server.requests.filter { $0.requestLine?.method == "POST" }.count == 3)
  }

  @Test func skipsAnInvocationWithoutARequestId() throws {
    let noId = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".utf8)
    let server = try ScriptedServer(
      ScriptedServer.serving([noId, ScriptedServer.invocation(id: "next")]))
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: server.endpoint), log: quietLog, retry: fastRetry)
    var handled: [String] = []
    try loop.run(limit: 1) { invocation in
      handled.append(invocation.requestId)
      return []
    }
    #expect(handled == ["next"])
  }

  @Test func aRuntimeAPIThatStaysDownEndsTheLoop() throws {
    let unused = try Socket.listen(port: 0)
    let port = unused.localPort
    unused.close()
    let loop = RuntimeLoop(
      source: try RuntimeClient(endpoint: "127.0.0.1:\(port)"), log: quietLog, retry: fastRetry)
    #expect(throws: RuntimeClientError.self) { try loop.run { _ in [] } }
  }

  @Test func setsReplacesAndRemovesTheVariable() {
    let environment = TraceIdEnvironment.shared
    environment.set("Root=1-a")
    #expect(String(cString: getenv("_X_AMZN_TRACE_ID")) == "Root=1-a")
    environment.set("Root=1-longer-value")
    #expect(String(cString: getenv("_X_AMZN_TRACE_ID")) == "Root=1-longer-value")
    environment.set(nil)
    #expect(getenv("_X_AMZN_TRACE_ID") == nil)
    environment.set("Root=1-b")
    #expect(String(cString: getenv("_X_AMZN_TRACE_ID")) == "Root=1-b")
    environment.set(nil)
  }

  @Test func aNewTraceIdReusesTheSameStorage() {
    // glibc's setenv would keep a copy of every value; rewriting one buffer keeps none.
    let environment = TraceIdEnvironment.shared
    environment.set("first")
    let address = getenv("_X_AMZN_TRACE_ID")
    for index in 0..<1000 {
      environment.set("Root=1-\(index)-0123456789abcdef01234567;Sampled=0")
      #expect(getenv("_X_AMZN_TRACE_ID") == address)
    }
    #expect(
      String(cString: getenv("_X_AMZN_TRACE_ID")) == "Root=1-999-0123456789abcdef01234567;Sampled=0"
    )
    environment.set(nil)
  }
}

@Suite struct RuntimeLogTests {
  @Test func jsonLinesCarryLevelRequestIdMessageAndFields() throws {
    let log = RuntimeLog(format: .json, threshold: .info)
    log.requestId = "r-1"
    let line = try JSONParser.parse(log.render(.warn, "slow \"upstream\"", fields: [("ms", 12)]))
    #expect(line["level"] == "WARN")
    #expect(line["requestId"] == "r-1")
    #expect(line["message"] == "slow \"upstream\"")
    #expect(line["ms"] == 12)
    #expect(line["timestamp"]?.string?.hasSuffix("Z") == true)
  }

  @Test func textLinesAndThreshold() {
    let log = RuntimeLog(environment: [
      "AWS_LAMBDA_LOG_FORMAT": "Text", "AWS_LAMBDA_LOG_LEVEL": "warn",
    ])
    #expect(log.format == .text)
    #expect(!log.isEnabled(.info) && log.isEnabled(.warn) && log.isEnabled(.error))
    let text = String(decoding: log.render(.error, "down", fields: [("host", "ha")]), as: UTF8.self)
    #expect(text.hasSuffix(" ERROR down host=ha"))
    #expect(RuntimeLog(environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON"]).format == .json)
  }
}
