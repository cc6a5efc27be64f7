import Engine

/// Every Parameter Store value the extension reads or writes, under `PARAMETER_PREFIX`:
/// one table, so the deployment's IAM policy can be checked against it
/// (scripts/template/check_parameters.py reads this file) and cannot drift again.
enum StoredParameter: String, CaseIterable {
  /// The owner's long-lived token (`USE_PARAMETER_STORE`).
  case homeAssistantToken = "HOME_ASSISTANT_TOKEN"
  /// The owner's `alexa_*` entity settings (`USE_PARAMETER_STORE`).
  case entityConfig = "ENTITY_CONFIG"
  /// The skill's client secret for Alexa events.
  case alexaClientSecret = "ALEXA_CLIENT_SECRET"
  /// The secret Home Assistant's pushes carry; read by the push path alone.
  case pushSecret = "HOME_ASSISTANT_PUSH_SECRET"
  /// Login with Amazon's tokens from AcceptGrant: the one value the function writes.
  case alexaGrant = "ALEXA_GRANT"

  /// The route families whose handlers read it (`SERVE` names them).
  var readBy: Set<Route.Family> {
    switch self {
    case .pushSecret: [.httpRequest]
    default: Set(Route.Family.allCases)
    }
  }

  var isWritten: Bool { self == .alexaGrant }

  /// Whether a function with `settings` reads it at all: the secrets and the owner's
  /// settings come from the store only with `USE_PARAMETER_STORE` and no value of their
  /// own; the grant whenever Alexa events are on.
  func isRead(with settings: HomeAssistantSettings) -> Bool {
    switch self {
    case .homeAssistantToken: settings.useParameterStore && settings.token == nil
    case .entityConfig: settings.useParameterStore && settings.entityConfig.isEmpty
    case .alexaClientSecret:
      settings.useParameterStore && settings.events != nil && settings.events?.clientSecret == nil
    case .pushSecret:
      settings.useParameterStore && settings.events != nil && settings.events?.pushSecret == nil
    case .alexaGrant: settings.events != nil
    }
  }

  /// Its full name under the function's prefix.
  func name(_ services: Services) -> String { services.config.parameterName(rawValue) }
}
