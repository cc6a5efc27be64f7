/// Alexa Smart Home error types, each with the header namespace Amazon's schema requires.
public enum AlexaErrorType: String, Sendable, CaseIterable {
  case bridgeUnreachable = "BRIDGE_UNREACHABLE"
  case endpointUnreachable = "ENDPOINT_UNREACHABLE"
  case noSuchEndpoint = "NO_SUCH_ENDPOINT"
  case invalidDirective = "INVALID_DIRECTIVE"
  case invalidValue = "INVALID_VALUE"
  case valueOutOfRange = "VALUE_OUT_OF_RANGE"
  case temperatureValueOutOfRange = "TEMPERATURE_VALUE_OUT_OF_RANGE"
  case invalidAuthorizationCredential = "INVALID_AUTHORIZATION_CREDENTIAL"
  case internalError = "INTERNAL_ERROR"
  case unsupportedThermostatMode = "UNSUPPORTED_THERMOSTAT_MODE"
  case acceptGrantFailed = "ACCEPT_GRANT_FAILED"
  case authorizationRequired = "AUTHORIZATION_REQUIRED"
  case unauthorized = "UNAUTHORIZED"

  /// Some types are valid only under their interface's namespace.
  public var namespace: String {
    switch self {
    case .unsupportedThermostatMode: "Alexa.ThermostatController"
    case .acceptGrantFailed: "Alexa.Authorization"
    case .authorizationRequired, .unauthorized: "Alexa.SecurityPanelController"
    default: "Alexa"
    }
  }
}
