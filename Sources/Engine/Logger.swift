import JSONCore
import LambdaRuntime

/// The logging service: the runtime's line format and level, with every message and
/// field passed through the redactor first.
public final class Logger: @unchecked Sendable {
  public let sink: RuntimeLog
  public let redactor: Redactor
  public let debugMode: Bool

  public init(sink: RuntimeLog, redactor: Redactor, debugMode: Bool) {
    self.sink = sink
    self.redactor = redactor
    self.debugMode = debugMode
  }

  public func log(_ level: LogLevel, _ message: String, fields: [(String, JSON)] = []) {
    guard sink.isEnabled(level) || (debugMode && level == .debug) else { return }
    let clean = fields.map { ($0.0, redactor.redact($0.1)) }
    sink.log(max(level, debugMode ? .debug : level), redactor.redact(message), fields: clean)
  }

  public func debug(
    _ message: @autoclosure () -> String, fields: @autoclosure () -> [(String, JSON)] = []
  ) {
    guard isDebugEnabled else { return }
    log(.debug, message(), fields: fields())
  }
  public func info(_ message: String, fields: [(String, JSON)] = []) {
    log(.info, message, fields: fields)
  }
  public func warn(_ message: String, fields: [(String, JSON)] = []) {
    log(.warn, message, fields: fields)
  }
  public func error(_ message: String, fields: [(String, JSON)] = []) {
    log(.error, message, fields: fields)
  }

  public var isDebugEnabled: Bool { debugMode || sink.isEnabled(.debug) }

  /// Logs an event at debug level, redacted (DEBUG_MODE's "dump the event").
  public func dump(_ label: String, _ value: JSON) {
    guard isDebugEnabled else { return }
    sink.log(
      sink.isEnabled(.debug) ? .debug : .info, label, fields: [("event", redactor.redact(value))])
  }
}
