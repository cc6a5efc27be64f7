/// Lambda's log levels, in `AWS_LAMBDA_LOG_LEVEL` spelling.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
  case trace, debug, info, warn, error, fatal

  public init?(name: String) {
    switch name.uppercased() {
    case "TRACE": self = .trace
    case "DEBUG": self = .debug
    case "INFO": self = .info
    case "WARN", "WARNING": self = .warn
    case "ERROR": self = .error
    case "FATAL", "CRITICAL": self = .fatal
    default: return nil
    }
  }

  public var name: String {
    switch self {
    case .trace: "TRACE"
    case .debug: "DEBUG"
    case .info: "INFO"
    case .warn: "WARN"
    case .error: "ERROR"
    case .fatal: "FATAL"
    }
  }

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
