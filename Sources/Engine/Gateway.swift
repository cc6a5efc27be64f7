import JSONCore
import LambdaRuntime

/// The single entry point for every event: classify, look up the route, call its handler.
///
/// Owned by the runtime loop's thread; handlers run one at a time.
public final class Gateway: @unchecked Sendable {
  public let log: RuntimeLog
  public let environment: [String: String]
  private let classifier: EventClassifier
  private var table: RouteTable
  public private(set) var invocationCount = 0
  public let startedAtNanoseconds = Clock.monotonicNanoseconds()

  public init(
    environment: [String: String], log: RuntimeLog, classifier: EventClassifier = EventClassifier()
  ) {
    self.environment = environment
    self.log = log
    self.classifier = classifier
    table = RouteTable()
    OperatorRoutes.register(into: &table)
  }

  /// Adds an extension's routes; call before the first event.
  public func install(_ register: (inout RouteTable) -> Void) {
    register(&table)
  }

  /// Answers one invocation. Throws only for events that are not Alexa's, so Lambda
  /// reports them as function errors; Alexa always gets a well-formed reply.
  public func handle(_ invocation: Invocation) throws -> [UInt8] {
    invocationCount += 1
    let coldStart = invocationCount == 1
    let (route, event): (Route, JSON)
    do {
      (route, event) = try classifier.classify(invocation.body)
    } catch {
      log.warn(
        "rejected event: \(error.message)", fields: [("errorType", .string(error.kind.rawValue))])
      throw error.functionError
    }
    guard let handler = table.handler(for: route) else {
      throw FunctionError(
        type: "InvalidEvent.UnsupportedRoute", message: "no handler for \(route.key)")
    }
    let context = EventContext(
      invocation: invocation, route: route, event: event, coldStart: coldStart)
    return try handler(context, self).bytes
  }
}
