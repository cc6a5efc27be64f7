import JSONCore

/// Anything that writes leveled log lines; the level helpers are written once, here.
public protocol LogWriting {
  func log(_ level: LogLevel, _ message: String, fields: [(String, JSON)])
  func isEnabled(_ level: LogLevel) -> Bool
}

extension LogWriting {
  public func debug(
    _ message: @autoclosure () -> String, fields: @autoclosure () -> [(String, JSON)] = []
  ) {
    if isEnabled(.debug) { log(.debug, message(), fields: fields()) }
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
}
