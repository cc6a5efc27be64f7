import Engine
import Foundation
import LambdaRuntime
import TestSupport
import Testing

@Suite struct HTTPClientTests {
  let client = HTTPClient(userAgent: "lee-test/1")

  @Test func sendsAndReceivesOverOneReusedConnection() throws {
    let upstream = try FakeUpstream { request in
      .response(200, "OK", body: request.body.isEmpty ? Array("[]".utf8) : request.body)
    }
    let get = try client.send(
      HTTPRequest(url: upstream.url + "/api/states", headers: [("Authorization", "Bearer t")]),
      timeoutMilliseconds: 2000)
    #expect(get.status == 200 && get.body == Array("[]".utf8))
    let post = try client.send(
      HTTPRequest(
        method: "POST", url: upstream.url + "/api/services/light/turn_on",
        body: Array(#"{"entity_id":"light.a"}"#.utf8)),
      timeoutMilliseconds: 2000)
    #expect(String(decoding: post.body, as: UTF8.self) == #"{"entity_id":"light.a"}"#)
    let requests = upstream.requests
    #expect(requests[0].startLine == "GET /api/states HTTP/1.1")
    #expect(requests[0].header("User-Agent") == "lee-test/1")
    #expect(requests[0].header("Authorization") == "Bearer t")
    #expect(requests[1].requestLine?.method == "POST")
    #expect(upstream.server != nil)
  }

  @Test func mapsRefusedConnectionsAndTimeouts() throws {
    let unused = try Socket.listen(port: 0)
    let port = unused.localPort
    unused.close()
    #expect(throws: HTTPClientError.self) {
      try client.send(HTTPRequest(url: "http://127.0.0.1:\(port)/"), timeoutMilliseconds: 1000)
    }
    do {
      _ = try client.send(HTTPRequest(url: "http://127.0.0.1:\(port)/"), timeoutMilliseconds: 1000)
    } catch {
      #expect(error.isConnectionLevel)
    }
    let slow = try FakeUpstream { _ in
      Thread.sleep(forTimeInterval: 1.5)
      return .response(200, "OK")
    }
    let started = Date()
    #expect(throws: HTTPClientError.timeout("Timeout was reached")) {
      try client.send(HTTPRequest(method: "POST", url: slow.url), timeoutMilliseconds: 300)
    }
    #expect(Date().timeIntervalSince(started) < 1.0)
  }

  @Test func refusesToStartWithoutBudget() {
    #expect(throws: HTTPClientError.budgetExhausted) {
      try client.send(HTTPRequest(url: "http://127.0.0.1:1/"), timeoutMilliseconds: 10)
    }
  }
}

@Suite struct UpstreamTests {
  private func gateway(_ environment: [String: String] = [:]) throws -> Gateway {
    try Gateway(environment: environment, log: RuntimeLog(format: .json, threshold: .fatal))
  }

  /// Only an upstream that cannot answer counts (502/503/504, transport, timeouts): a 4xx
  /// or a 500 is Home Assistant answering, e.g. refusing a wrong alarm code.
  @Test func outagesOpenTheBreakerButRefusalsDoNot() throws {
    let status = Counter()
    let upstream = try FakeUpstream { _ in .response(status.next(), "X") }
    let gateway = try gateway(["BREAKER_FAILURE_THRESHOLD": "2", "BREAKER_COOLDOWN_SECONDS": "60"])
    let call = Upstream(
      name: "ha", services: gateway.services, invocation: TestGateway.invocation("{}"))
    status.values = [404, 500, 500, 500, 500, 500, 400, 503, 404, 502, 504]
    for _ in 0..<9 { _ = try? call.send(HTTPRequest(url: upstream.url)) }
    let breaker = gateway.services.breakers.breaker(for: "ha")
    #expect(breaker.state == .closed, "five 500s in a row are refusals, not an outage")
    for _ in 0..<2 { _ = try? call.send(HTTPRequest(url: upstream.url)) }
    #expect(breaker.state == .open)
    #expect(throws: HTTPClientError.breakerOpen("ha")) {
      try call.send(HTTPRequest(url: upstream.url))
    }
    #expect(upstream.requests.count == 11)
  }

  @Test func theTimeoutFitsTheDeadlineLessTheMargin() throws {
    let gateway = try gateway(["DEADLINE_MARGIN_MS": "300"])
    let tight = Upstream(
      name: "ha", services: gateway.services,
      invocation: TestGateway.invocation("{}", remainingMilliseconds: 1000),
      configuredTimeoutMilliseconds: 6000)
    #expect((650...700).contains(tight.timeoutMilliseconds))
    let roomy = Upstream(
      name: "ha", services: gateway.services,
      invocation: TestGateway.invocation("{}", remainingMilliseconds: 60_000),
      configuredTimeoutMilliseconds: 6000)
    #expect(roomy.timeoutMilliseconds == 6000)
  }

  @Test func aSlowUpstreamStillLeavesTimeToAnswerBeforeTheDeadline() throws {
    let slow = try FakeUpstream { _ in
      Thread.sleep(forTimeInterval: 3)
      return .response(200, "OK")
    }
    let gateway = try gateway()
    let invocation = TestGateway.invocation("{}", remainingMilliseconds: 1200)
    let call = Upstream(name: "ha", services: gateway.services, invocation: invocation)
    #expect(throws: HTTPClientError.self) {
      try call.send(HTTPRequest(method: "POST", url: slow.url))
    }
    #expect(invocation.remainingMilliseconds >= 200, "the margin is left for the error reply")
  }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  var values: [Int] = []
  func next() -> Int { lock.withLock { values.isEmpty ? 200 : values.removeFirst() } }
}
