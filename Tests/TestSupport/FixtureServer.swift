import Foundation

/// A Python test server from a fixtures folder, run under the test Python: it prints its
/// port on its first line and serves until stopped.
public final class FixtureServer: Sendable {
  public let port: Int
  public var url: String { "http://127.0.0.1:\(port)" }
  private let process: Process

  public init(script: String, arguments: [String] = []) throws {
    process = TestPython.process(script, arguments)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }  // the server exited
      line.append(chunk)
    }
    guard let text = String(data: line, encoding: .utf8),
      let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      kill(process.processIdentifier, SIGKILL)
      throw Failed(script: script)
    }
    self.port = port
  }

  deinit { stop() }

  public func stop() {
    // SIGKILL: the test runner ignores SIGTERM, and the server inherits that.
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  public struct Failed: Error { public let script: String }
}
