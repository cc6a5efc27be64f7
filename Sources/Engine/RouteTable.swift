/// The fast-path table: route → handler, built once at start and then read-only.
///
/// Extensions register their routes while the table is built; a route that nobody
/// registered goes to its family's fallback (e.g. Smart Home → INVALID_DIRECTIVE).
/// Registering a route, fallback or error handler twice is a start-up error (see
/// `conflicts`): a silent replacement would make behaviour depend on install order.
///
/// Handlers run on the runtime loop's thread, one event at a time: they need not be
/// `Sendable`, and neither does what they capture.
public struct RouteTable {
  public typealias Handler = (EventContext, Gateway) throws -> Reply

  private var handlers: [Route: Handler] = [:]
  private var fallbacks: [Route.Family: Handler] = [:]
  private var errorHandlers: [Route.Family: ErrorHandler] = [:]
  /// What was registered more than once, in registration order.
  public private(set) var conflicts: [String] = []

  /// Turns a handler's error into a well-formed reply for its family (e.g. an error
  /// response in the caller's own format), so the caller never sees an unhandled error.
  public typealias ErrorHandler = (EventContext, Gateway, any Error) -> Reply

  public init() {}

  public mutating func register(_ route: Route, _ handler: @escaping Handler) {
    if handlers.updateValue(handler, forKey: route) != nil { conflicts.append(route.key) }
  }

  public mutating func fallback(for family: Route.Family, _ handler: @escaping Handler) {
    if fallbacks.updateValue(handler, forKey: family) != nil {
      conflicts.append("fallback for \(family)")
    }
  }

  public mutating func onError(for family: Route.Family, _ handler: @escaping ErrorHandler) {
    if errorHandlers.updateValue(handler, forKey: family) != nil {
      conflicts.append("error handler for \(family)")
    }
  }

  public func errorHandler(for family: Route.Family) -> ErrorHandler? { errorHandlers[family] }

  /// Every route with a handler of its own.
  public var routes: [Route] { Array(handlers.keys) }

  /// One dictionary lookup, then the family fallback.
  public func handler(for route: Route) -> Handler? {
    handlers[route] ?? fallbacks[route.family]
  }
}

/// Routes registered twice: the gateway refuses to start with an ambiguous table.
public struct RouteConflict: Error, CustomStringConvertible {
  public let registrations: [String]
  public var description: String {
    "registered more than once: \(registrations.joined(separator: ", "))"
  }
}
