import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime

/// A local upstream whose answers the test scripts, recording each request.
public final class FakeUpstream: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [HTTPMessage] = []
  public private(set) var server: HTTPServer!

  public init(_ answer: @escaping @Sendable (HTTPMessage) -> HTTPMessage?) throws {
    // Weak: a late request (a background pre-connect) may arrive while a test lets go.
    server = try HTTPServer(port: 0) { [weak self] request, _ in
      guard let self else { return nil }
      lock.withLock { recorded.append(request) }
      return answer(request)
    }
    server.start()
  }

  deinit { server.stop() }

  public var url: String { "http://127.0.0.1:\(server.port)" }
  public var requests: [HTTPMessage] { lock.withLock { recorded } }
}
