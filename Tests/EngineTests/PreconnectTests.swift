import Engine
import Foundation
import JSONCore
import LambdaRuntime
import TestSupport
import Testing

/// The init-time pre-connect against a Home Assistant that accepts the connection and
/// never answers: it once held the connection while the first event waited behind it with
/// a timeout fixed before the wait (a 3 s function timed out; a 10 s one answered after
/// 8.5 s, past Alexa's 8 s).
@Suite struct PreconnectTests {
  @Test func anEventNeverWaitsForThePreconnectBeyondItsOwnBudget() throws {
    let upstream = try FakeUpstream { request in
      if request.requestLine?.target == "/api/" { Thread.sleep(forTimeInterval: 5) }
      return .response(200, "OK", body: Array("{}".utf8))
    }
    let created = ContinuousClock.now
    let gateway = try Gateway(environment: [:], log: RuntimeLog(format: .json, threshold: .fatal))
    gateway.preconnect(HTTPRequest(url: upstream.url + "/api/"))  // as an extension does
    Thread.sleep(forTimeInterval: 0.2)  // the pre-connect now holds the connection
    #expect(upstream.requests.contains { $0.requestLine?.target == "/api/" })

    // 1000 ms left, 300 ms margin: this call may take 700 ms in all, waiting included.
    let tight = Upstream(
      name: "ha", services: gateway.services,
      invocation: TestGateway.invocation("{}", remainingMilliseconds: 1000))
    let started = ContinuousClock.now
    #expect(throws: HTTPClientError.self) {
      _ = try tight.send(HTTPRequest(url: upstream.url + "/api/states"))
    }
    #expect(ContinuousClock.now - started < .milliseconds(900))

    // The pre-connect has a short bound of its own: soon after, the connection is free.
    let free = created + .milliseconds(HTTPClient.preconnectBoundMilliseconds + 300)
    while ContinuousClock.now < free { Thread.sleep(forTimeInterval: 0.05) }
    let roomy = Upstream(
      name: "ha-after", services: gateway.services,
      invocation: TestGateway.invocation("{}", remainingMilliseconds: 8000))
    let answered = ContinuousClock.now
    #expect(try roomy.send(HTTPRequest(url: upstream.url + "/api/states")).status == 200)
    #expect(ContinuousClock.now - answered < .milliseconds(500))
  }
}
