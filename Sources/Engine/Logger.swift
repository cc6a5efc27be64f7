import JSONCore
import LambdaRuntime

/// The logging service: the runtime's line format and level, with every message and
/// field passed through the redactor first.
public final class Logger: LogWriting {
  public let sink: RuntimeLog
  public let redactor: Redactor

  public init(sink: RuntimeLog, redactor: Redactor) {
    self.sink = sink
    self.redactor = redactor
  }

  public func isEnabled(_ level: LogLevel) -> Bool { sink.isEnabled(level) }

  public func log(_ level: LogLevel, _ message: String, fields: [(String, JSON)] = []) {
    guard sink.isEnabled(level) else { return }
    sink.log(level, redactor.redact(message), fields: fields.map { ($0.0, redactor.redact($0.1)) })
  }

  public var isDebugEnabled: Bool { sink.isEnabled(.debug) }

  /// Logs an event, redacted, at debug level (what `DEBUG_MODE` is for).
  public func dump(_ label: String, _ value: JSON) {
    guard isDebugEnabled else { return }
    sink.log(.debug, label, fields: [("event", redactor.redact(value))])
  }
}
