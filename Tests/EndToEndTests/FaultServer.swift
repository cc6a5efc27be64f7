import Engine
import Foundation
import TestSupport

/// Fixtures/fault_server.py: a Home Assistant stand-in that misbehaves as told.
final class FaultServer {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static var certificate: String { fixtures.appendingPathComponent("tls-test-cert.pem").path }

  let port: Int
  let url: String
  private let process: Process

  init(mode: String = "ok", tls: Bool = false) throws {
    var arguments = ["--mode", mode]
    if tls {
      arguments += [
        "--tls", Self.certificate, Self.fixtures.appendingPathComponent("tls-test-key.pem").path,
      ]
    }
    process = TestPython.process(
      Self.fixtures.appendingPathComponent("fault_server.py").path, arguments)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }  // the server exited
      line.append(chunk)
    }
    port =
      Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      ?? 0
    url = "\(tls ? "https" : "http")://127.0.0.1:\(port)"
  }

  deinit { stop() }

  func stop() {
    // SIGKILL: the test runner ignores SIGTERM, and the server inherits that.
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  private func control(_ method: String, _ path: String, _ body: String = "") throws -> String {
    let request = HTTPRequest(
      method: method, url: "http://127.0.0.1:\(port)\(path)", body: Array(body.utf8))
    return String(
      decoding: try HTTPClient(userAgent: "lee-tests").send(request, timeoutMilliseconds: 3000)
        .body, as: UTF8.self)
  }

  func setMode(_ mode: String) throws { _ = try control("POST", "/__mode", mode) }
  var requestCount: Int { (try? control("GET", "/__count")).flatMap { Int($0) } ?? -1 }
}
