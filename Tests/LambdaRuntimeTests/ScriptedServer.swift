import Foundation
import LambdaRuntime

/// A Runtime API stand-in that answers each request with raw bytes chosen by the test,
/// so it can misbehave: stall, truncate, drop the connection, answer 500.
final class ScriptedServer: @unchecked Sendable {
  /// Writes the answer to `request` on `socket`; returns false to close the connection.
  typealias Script = @Sendable (_ request: HTTPMessage, _ index: Int, _ socket: Socket) -> Bool

  private let listener: Socket
  private let script: Script
  private let lock = NSLock()
  private var recorded: [HTTPMessage] = []
  private var accepted = 0

  init(_ script: @escaping Script) throws {
    listener = try Socket.listen(port: 0)
    self.script = script
    Thread.detachNewThread { [self] in
      while let connection = listener.accept() {
        lock.withLock { accepted += 1 }
        Thread.detachNewThread { [self] in serve(connection) }
      }
    }
  }

  deinit { listener.shutdown() }

  var endpoint: String { "127.0.0.1:\(listener.localPort)" }
  var requests: [HTTPMessage] { lock.withLock { recorded } }
  var connections: Int { lock.withLock { accepted } }

  private func serve(_ connection: Socket) {
    let reader = HTTPMessageReader(socket: connection)
    while let request = try? reader.read(.request) {
      let index = lock.withLock {
        recorded.append(request)
        return recorded.count - 1
      }
      if !script(request, index, connection) { break }
    }
    connection.close()
  }

  /// An invocation as the Runtime API sends it.
  static func invocation(
    id: String = "req-1", body: String = #"{"action":"ping"}"#, extraHeaders: String = ""
  ) -> [UInt8] {
    Array(
      ("HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: \(id)\r\nLambda-Runtime-Deadline-Ms: 4102444800000\r\n"
        + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:1:function:f\r\n"
        + "Lambda-Runtime-Trace-Id: Root=1-abc;Sampled=1\r\n\(extraHeaders)"
        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
  }

  static let accepted = HTTPMessage(
    startLine: "HTTP/1.1 202 Accepted", body: Array(#"{"status":"OK"}"#.utf8)
  ).serialized()

  /// Answers `next` with the given invocations in turn, and every POST with 202.
  static func serving(_ invocations: [[UInt8]]) -> Script {
    let queue = InvocationQueue(invocations)
    return { request, _, socket in
      if request.requestLine?.method == "GET" {
        guard let next = queue.pop() else { return false }
        try? socket.writeAll(next)
      } else {
        try? socket.writeAll(accepted)
      }
      return true
    }
  }
}

private final class InvocationQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [[UInt8]]
  init(_ items: [[UInt8]]) { self.items = items }
  func pop() -> [UInt8]? { lock.withLock { items.isEmpty ? nil : items.removeFirst() } }
}
