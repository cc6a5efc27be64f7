import Engine
import JSONCore
import LambdaRuntime

/// A lock or cover still on its way after its service call: Home Assistant answers once
/// the call is accepted, and a slow device is then `locking` or `opening`. Alexa should
/// hear where it ended up, so the entity is read again, with a short back-off, while the
/// budget allows; if it is still moving then, the answer is where it is going (logged).
enum Settling {
  /// Transitional states and where each is going.
  static let destinations = [
    "locking": "locked", "unlocking": "unlocked", "opening": "open", "closing": "closed",
  ]
  /// Settling waits at most this long in all (Alexa waits 8 s for the whole reply).
  static let limitMilliseconds = 3000

  static func settled(_ entity: Entity, _ client: HomeAssistantClient, _ gateway: Gateway) throws
    -> Entity
  {
    guard destinations[entity.state] != nil else { return entity }
    let started = Clock.monotonicNanoseconds()
    var latest = entity
    var pause = 100
    while let destination = destinations[latest.state] {
      let spent = Int((Clock.monotonicNanoseconds() - started) / 1_000_000)
      let left = min(limitMilliseconds - spent, client.timeoutMilliseconds - 250)
      guard left > pause else {
        gateway.services.logging.info(
          "\(entity.entityId) is still \(latest.state); answering with where it is going",
          fields: [("destination", .string(destination))])
        return latest.with(state: destination)
      }
      Clock.sleep(milliseconds: pause)
      pause = min(pause * 2, 800)
      if let state = try client.state(entity.entityId), var read = Entity(state) {
        read.temperatureScale = entity.temperatureScale
        latest = read
      }
    }
    return latest
  }
}

extension Entity {
  /// The same entity in `state`.
  func with(state: String) -> Entity {
    guard var object = json.object else { return self }
    object["state"] = .string(state)
    var changed = Entity(.object(object)) ?? self
    changed.temperatureScale = temperatureScale
    return changed
  }
}
