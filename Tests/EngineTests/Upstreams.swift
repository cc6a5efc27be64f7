import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime

/// A local upstream whose answers the test scripts, recording each request.
final class FakeUpstream: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [HTTPMessage] = []
  private(set) var server: HTTPServer!

  init(_ answer: @escaping @Sendable (HTTPMessage) -> HTTPMessage?) throws {
    server = try HTTPServer(port: 0) { [unowned self] request, _ in
      lock.withLock { recorded.append(request) }
      return answer(request)
    }
    server.start()
  }

  deinit { server.stop() }

  var url: String { "http://127.0.0.1:\(server.port)" }
  var requests: [HTTPMessage] { lock.withLock { recorded } }
}

/// Captures what a `RuntimeLog` writes, through a temporary file.
final class CapturedLog {
  let path = NSTemporaryDirectory() + "lee-log-\(UUID().uuidString)"
  let descriptor: Int32
  let log: RuntimeLog

  init(level: LogLevel = .trace) {
    descriptor = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
    log = RuntimeLog(format: .json, threshold: level, descriptor: descriptor)
  }

  deinit {
    close(descriptor)
    unlink(path)
  }

  var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}
