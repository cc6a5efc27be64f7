import Foundation
import LambdaRuntime

/// Captures what a `RuntimeLog` writes, through a temporary file.
public final class CapturedLog {
  public let path = NSTemporaryDirectory() + "lee-log-\(UUID().uuidString)"
  public let descriptor: Int32
  public let log: RuntimeLog

  public init(level: LogLevel = .trace) {
    descriptor = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
    log = RuntimeLog(format: .json, threshold: level, descriptor: descriptor)
  }

  deinit {
    close(descriptor)
    unlink(path)
  }

  public var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}
