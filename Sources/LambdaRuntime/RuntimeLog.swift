import JSONCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes log lines to stderr the way Lambda's log settings ask.
///
/// `AWS_LAMBDA_LOG_FORMAT=JSON` gives one JSON object a line (timestamp, level, requestId,
/// message, then fields); anything else gives text. `AWS_LAMBDA_LOG_LEVEL` sets the
/// threshold. Each line is a single `write(2)`, so lines from threads never interleave.
public final class RuntimeLog: LogWriting {
  public enum Format: Sendable { case text, json }

  public let format: Format
  /// Settable once at start: the gateway applies `LOG_LEVEL` / `DEBUG_MODE`.
  public var threshold: LogLevel
  private let descriptor: Int32
  /// The invocation being handled; the runtime loop sets it (one invocation at a time).
  public var requestId: String?

  public init(format: Format, threshold: LogLevel, descriptor: Int32 = 2) {
    self.format = format
    self.threshold = threshold
    self.descriptor = descriptor
  }

  /// Reads `AWS_LAMBDA_LOG_FORMAT` and `AWS_LAMBDA_LOG_LEVEL` (default INFO).
  public convenience init(environment: [String: String]) {
    let format: Format =
      environment["AWS_LAMBDA_LOG_FORMAT"]?.uppercased() == "JSON" ? .json : .text
    let level = environment["AWS_LAMBDA_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info
    self.init(format: format, threshold: level)
  }

  public func isEnabled(_ level: LogLevel) -> Bool { level >= threshold }

  public func log(_ level: LogLevel, _ message: String, fields: [(String, JSON)] = []) {
    guard isEnabled(level) else { return }
    var line = render(level, message, fields: fields)
    line.append(UInt8(ascii: "\n"))
    line.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if written <= 0 {
          if written < 0 && errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }

  /// One line, without its newline.
  public func render(_ level: LogLevel, _ message: String, fields: [(String, JSON)]) -> [UInt8] {
    let timestamp = Clock.iso8601()
    switch format {
    case .json:
      var object = JSONObject()
      object.appendUnique("timestamp", .string(timestamp))
      object.appendUnique("level", .string(level.name))
      if let requestId { object.appendUnique("requestId", .string(requestId)) }
      object.appendUnique("message", .string(message))
      for (key, value) in fields { object[key] = value }
      return JSONWriter().bytes(.object(object))
    case .text:
      var text = "\(timestamp) \(level.name)"
      if let requestId { text += " \(requestId)" }
      text += " \(message)"
      for (key, value) in fields {
        text += " \(key)=" + (value.string ?? value.description)
      }
      return Array(text.utf8)
    }
  }
}
