import Engine
import JSONCore

/// The Smart Home family's error handler: whatever goes wrong, Alexa gets a schema-valid
/// ErrorResponse, never an unhandled Lambda error. (Each mode registers its own fallback:
/// native answers INVALID_DIRECTIVE, proxy forwards.)
enum SmartHomeErrors {
  static func register(into table: inout RouteTable) {
    table.onError(for: .smartHome) { context, gateway, error in
      let (type, message) = classify(error)
      let extra = (error as? AlexaFailure)?.extraPayload ?? []
      if case HomeAssistantError.parameterStore = error {
        gateway.services.logging.error(
          "Parameter Store failed while answering \(context.route.key): \(error)")
      } else if type == .internalError, !(error is AlexaFailure) {
        gateway.services.logging.error(
          "bug while answering \(context.route.key): \(error)",
          fields: [("errorType", .string("\(Swift.type(of: error))"))])
      }
      return .json(
        AlexaErrorResponse.make(
          for: context.event, type: type, message: message, extraPayload: extra))
    }
  }

  /// Upstream and budget failures mean Home Assistant cannot be reached in time; anything
  /// else is a bug in this function.
  static func classify(_ error: any Error) -> (AlexaErrorType, String) {
    switch error {
    case let failure as AlexaFailure:
      return (failure.type, failure.message)
    case let failure as HomeAssistantError:
      switch failure {
      case .unauthorized, .noToken, .malformedToken:
        return (.invalidAuthorizationCredential, failure.description)
      case .notConfigured, .unreachable, .badStatus, .malformed, .notFound, .parameterStore:
        return (.bridgeUnreachable, failure.description)
      }
    case let failure as HomeLink.Failure:
      return (.bridgeUnreachable, "Home Assistant is unreachable: \(failure)")
    case let failure as HTTPClientError:
      return (.bridgeUnreachable, "Home Assistant is unreachable: \(failure)")
    case is BudgetExhausted:
      return (.bridgeUnreachable, "Home Assistant did not answer in time")
    default:
      return (.internalError, "Internal error")
    }
  }
}
