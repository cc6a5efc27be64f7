/// A bad configuration value; the message names the variable so the fix is obvious.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  public let variable: String
  public let problem: String

  public init(variable: String, problem: String) {
    self.variable = variable
    self.problem = problem
  }

  public var description: String { "\(variable): \(problem)" }
}
