import Engine
import JSONCore
import LambdaRuntime
import Synchronization

/// `PARAMETER_PREFIX/ENTITY_CONFIG` as it is in force: read at most once per parameter
/// TTL, and failing closed. `alexa_hidden` there is access control, so a read that fails
/// (a 500, throttling, a timeout, a denied role) keeps the last copy read; with no copy
/// yet, no entity is announced or controlled (Alexa hears INTERNAL_ERROR, logged once
/// until a read succeeds) rather than every entity it might hide. A missing parameter is
/// a fact, not a failure: no settings. The next attempt after a failure waits 30 s, so an
/// outage costs one read per period, not one per event.
final class EntityConfigStore: Sendable {
  private struct State {
    var known: [String: JSONObject]?
    /// Monotonic nanoseconds.
    var freshUntil: UInt64 = 0
    var retryAt: UInt64 = 0
    var failureLogged = false
  }
  private let state = Mutex(State())

  static let retrySeconds: UInt64 = 30

  func current(_ services: Services) throws(AlexaFailure) -> [String: JSONObject] {
    let now = Clock.monotonicNanoseconds()
    let (known, due) = state.withLock { state in
      (state.known, state.known == nil ? now >= state.retryAt : now >= state.freshUntil)
    }
    if let known, !due { return known }
    if !due { throw Self.unavailable }
    let name = StoredParameter.entityConfig.name(services)
    let read: Result<[String: JSONObject], any Error>
    do {
      let text = try services.parameterStore.value(named: name, timeoutMilliseconds: 1000)
      read = .success(try HomeAssistantSettings.entityConfig(text))
    } catch let failure as ParameterStore.Failure where failure.isParameterNotFound {
      read = .success([:])
    } catch {
      read = .failure(error)
    }
    let ttl = UInt64(services.config.parameterTTLSeconds * 1e9)
    switch read {
    case .success(let config):
      state.withLock { state in
        state = State(known: config, freshUntil: Clock.monotonicNanoseconds() + ttl)
      }
      return config
    case .failure(let error):
      let firstFailure = state.withLock { state in
        state.retryAt = Clock.monotonicNanoseconds() + Self.retrySeconds * 1_000_000_000
        defer { state.failureLogged = true }
        return !state.failureLogged
      }
      if firstFailure {
        services.logging.error(
          "\(name) could not be read (\(error)): "
            + (known == nil
              ? "no entity is announced or controlled until it can be"
              : "the last copy read stays in force"))
      }
      if let known { return known }
      throw Self.unavailable
    }
  }

  static let unavailable = AlexaFailure(
    type: .internalError,
    message: "the owner's entity settings (ENTITY_CONFIG) could not be read from Parameter Store")
}
