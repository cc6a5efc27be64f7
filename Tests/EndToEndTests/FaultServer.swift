import Engine
import Foundation
import TestSupport

/// Fixtures/fault_server.py: a Home Assistant stand-in that misbehaves as told.
final class FaultServer {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static var certificate: String { fixtures.appendingPathComponent("tls-test-cert.pem").path }

  let url: String
  private let server: FixtureServer
  var port: Int { server.port }

  init(mode: String = "ok", tls: Bool = false) throws {
    var arguments = ["--mode", mode]
    if tls {
      arguments += [
        "--tls", Self.certificate, Self.fixtures.appendingPathComponent("tls-test-key.pem").path,
      ]
    }
    server = try FixtureServer(
      script: Self.fixtures.appendingPathComponent("fault_server.py").path, arguments: arguments)
    url = "\(tls ? "https" : "http")://127.0.0.1:\(server.port)"
  }

  func stop() { server.stop() }

  private func control(_ method: String, _ path: String, _ body: String = "") throws -> String {
    // The test's own control calls trust the server's self-signed certificate.
    let request = HTTPRequest(
      method: method, url: url + path, body: Array(body.utf8), tls: TLSSettings(verify: false))
    return String(
      decoding: try HTTPClient(userAgent: "lee-tests").send(request, timeoutMilliseconds: 3000)
        .body, as: UTF8.self)
  }

  func setMode(_ mode: String) throws { _ = try control("POST", "/__mode", mode) }
  var requestCount: Int { (try? control("GET", "/__count")).flatMap { Int($0) } ?? -1 }
}
