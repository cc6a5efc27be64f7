import JSONCore
import LambdaRuntime

/// Everything a handler knows about the event it answers.
public struct EventContext: Sendable {
  public let invocation: Invocation
  public let route: Route
  /// The event, parsed once by the classifier.
  public let event: JSON
  /// True for the first invocation of this process.
  public let coldStart: Bool

  public init(invocation: Invocation, route: Route, event: JSON, coldStart: Bool) {
    self.invocation = invocation
    self.route = route
    self.event = event
    self.coldStart = coldStart
  }
}
