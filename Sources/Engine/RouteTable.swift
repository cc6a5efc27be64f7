/// The fast-path table: route key → handler, built once at start and then read-only.
///
/// Extensions register their routes while the table is built; a key that nobody
/// registered goes to its family's fallback (e.g. Smart Home → INVALID_DIRECTIVE).
public struct RouteTable: Sendable {
  public typealias Handler = @Sendable (EventContext, Gateway) throws -> Reply

  private var handlers: [String: Handler] = [:]
  private var fallbacks: [Route.Family: Handler] = [:]
  private var errorHandlers: [Route.Family: ErrorHandler] = [:]

  /// Turns a handler's error into a well-formed reply for its family (e.g. an Alexa
  /// ErrorResponse), so Alexa never sees an unhandled Lambda error.
  public typealias ErrorHandler = @Sendable (EventContext, Gateway, any Error) -> Reply

  public init() {}

  public mutating func register(_ route: Route, _ handler: @escaping Handler) {
    handlers[route.key] = handler
  }

  public mutating func fallback(for family: Route.Family, _ handler: @escaping Handler) {
    fallbacks[family] = handler
  }

  public mutating func onError(for family: Route.Family, _ handler: @escaping ErrorHandler) {
    errorHandlers[family] = handler
  }

  public func errorHandler(for family: Route.Family) -> ErrorHandler? { errorHandlers[family] }

  /// One dictionary lookup, then the family fallback.
  public func handler(for route: Route) -> Handler? {
    handlers[route.key] ?? fallbacks[route.family]
  }
}
