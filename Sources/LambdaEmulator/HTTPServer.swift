import Foundation
import LambdaRuntime
import Synchronization

/// A small threaded HTTP/1.1 server on 127.0.0.1: a thread per connection, keep-alive.
///
/// Enough for a local Lambda service, where the runtime holds one long-polling connection
/// and callers invoke one at a time. Each connection carries a tag taken when it was
/// accepted, so the emulator can tell a killed runtime's old connection from a new one's.
public final class HTTPServer: Sendable {
  /// Answers a request; nil closes the connection without an answer.
  public typealias Handler = @Sendable (_ request: HTTPMessage, _ tag: Int) -> HTTPMessage?

  private let listener: Socket
  private let handler: Handler
  private let tagAtAccept: @Sendable () -> Int
  /// Open connections (so `stop` can unblock them) and whether the server stopped.
  private let state = Mutex<(connections: [Int32: Socket], stopped: Bool)>(([:], false))

  public var port: UInt16 { listener.localPort }

  public init(
    port: UInt16, tagAtAccept: @escaping @Sendable () -> Int = { 0 }, handler: @escaping Handler
  ) throws {
    listener = try Socket.listen(port: port)
    self.handler = handler
    self.tagAtAccept = tagAtAccept
  }

  public func start() {
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  public func stop() {
    let open = state.withLock { state in
      state.stopped = true
      return Array(state.connections.values)
    }
    listener.shutdown()
    for connection in open { connection.shutdown() }
  }

  private func acceptLoop() {
    while let connection = listener.accept() {
      let tag = tagAtAccept()
      let accepted = state.withLock { state in
        guard !state.stopped else { return false }
        state.connections[connection.descriptor] = connection
        return true
      }
      guard accepted else { return }
      Thread.detachNewThread { [self] in serve(connection, tag: tag) }
    }
  }

  private func serve(_ connection: Socket, tag: Int) {
    let reader = HTTPMessageReader(socket: connection, maximumSize: 64 * 1024 * 1024)
    defer {
      let descriptor = connection.descriptor
      _ = state.withLock { $0.connections.removeValue(forKey: descriptor) }
      connection.close()
    }
    while let request = try? reader.read(.request) {
      guard var response = handler(request, tag) else { return }
      if request.closesConnection { response.headers.append(("Connection", "close")) }
      do {
        try connection.writeAll(response.serialized())
      } catch {
        return
      }
      if request.closesConnection { return }
    }
  }
}

extension HTTPMessage {
  /// A response with a JSON (or any) body.
  public static func response(
    _ status: Int, _ reason: String, body: [UInt8] = [], headers: [(String, String)] = []
  ) -> HTTPMessage {
    var all = headers.map { (name: $0.0, value: $0.1) }
    if !body.isEmpty && !all.contains(where: { $0.name == "Content-Type" }) {
      all.append(("Content-Type", "application/json"))
    }
    return HTTPMessage(startLine: "HTTP/1.1 \(status) \(reason)", headers: all, body: body)
  }
}
