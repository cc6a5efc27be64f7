import Engine
import JSONCore

/// `PARAMETER_PREFIX/ENTITY_CONFIG` as it is in force, failing closed: `alexa_hidden`
/// there is access control, so a read that fails (a 500, throttling, a timeout, a denied
/// role) keeps the last copy read; with no copy yet, no entity is announced or controlled
/// (Alexa hears INTERNAL_ERROR, logged once until a read succeeds) rather than every
/// entity it might hide. A missing parameter is a fact, not a failure: no settings. After
/// a failure the next read waits 30 s (`RememberedParameter`).
final class EntityConfigStore: Sendable {
  private let remembered = RememberedParameter<[String: JSONObject]>(
    backOffSeconds: 30...30, timeoutMilliseconds: 1000)

  func current(_ services: Services) throws(AlexaFailure) -> [String: JSONObject] {
    let name = StoredParameter.entityConfig.name(services)
    let config = remembered.value(
      named: name, services, missing: [:], parse: { try HomeAssistantSettings.entityConfig($0) }
    ) { failure in
      guard failure.inARow == 1 else { return }
      services.logging.error(
        "\(name) could not be read (\(failure.error)): "
          + (failure.keepsValue
            ? "the last copy read stays in force"
            : "no entity is announced or controlled until it can be"))
    }
    guard let config else { throw Self.unavailable }
    return config
  }

  static let unavailable = AlexaFailure(
    type: .internalError,
    message: "the owner's entity settings (ENTITY_CONFIG) could not be read from Parameter Store")
}
