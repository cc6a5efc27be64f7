/// Typed reads of environment variables, shared by the engine and its extensions.
/// Each failure names its variable.
public struct EnvironmentReader: Sendable {
  public let environment: [String: String]

  public init(environment: [String: String]) { self.environment = environment }

  public func string(_ name: String) -> String? {
    guard let value = environment[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
    return value
  }

  /// A comma-separated list, spaces ignored.
  public func list(_ name: String) -> [String] {
    (string(name) ?? "").split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter
    { !$0.isEmpty }
  }

  public func bool(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
    guard let text = string(name) else { return fallback }
    switch text.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off": return false
    default: throw ConfigurationError(variable: name, problem: "'\(text)' is not true or false")
    }
  }

  public func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>)
    throws(ConfigurationError)
    -> Double
  {
    guard let text = string(name) else { return fallback }
    guard let value = Double(text), value.isFinite else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a number")
    }
    guard range.contains(value) else {
      throw ConfigurationError(
        variable: name, problem: "\(text) is outside \(range.lowerBound)…\(range.upperBound)")
    }
    return value
  }

  public func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>)
    throws(ConfigurationError) -> Int
  {
    guard let text = string(name) else { return fallback }
    guard let value = Int(text) else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a whole number")
    }
    guard range.contains(value) else {
      throw ConfigurationError(
        variable: name, problem: "\(text) is outside \(range.lowerBound)…\(range.upperBound)")
    }
    return value
  }

  public func url(_ name: String) throws(ConfigurationError) -> String? {
    guard var text = string(name) else { return nil }
    let lower = text.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
      throw ConfigurationError(variable: name, problem: "must start with https:// or http://")
    }
    guard !text.contains(" "),
      text.split(separator: "/", omittingEmptySubsequences: true).count >= 2
    else {
      throw ConfigurationError(variable: name, problem: "'\(text)' is not a URL with a host")
    }
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}

extension String {
  /// Without leading and trailing whitespace.
  public func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
