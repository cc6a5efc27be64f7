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

  static func settled(_ entity: Entity, _ home: HomeSession) throws -> Entity {
    guard destinations[entity.state] != nil else { return entity }
    let left = min(limitMilliseconds, home.client.timeoutMilliseconds - 250)
    let (latest, settled) = try whileMoving(
      entity, until: Clock.wallMilliseconds() + Int64(left), read: { try home.client.state($0) })
    guard !settled, let destination = destinations[latest.state] else { return latest }
    home.services.logging.info(
      "\(entity.entityId) is still \(latest.state); answering with where it is going",
      fields: [("destination", .string(destination))])
    return latest.with(state: destination)
  }

  /// Reads the entity again with back-off while it is moving, until `deadline` (wall
  /// milliseconds): the last state read, and whether it stopped moving. Also the deferred
  /// reply's wait, which runs after the reply with a longer deadline.
  static func whileMoving(
    _ entity: Entity, until deadline: Int64, read: (String) throws -> JSON?
  ) rethrows -> (entity: Entity, settled: Bool) {
    var latest = entity
    var pause = 100
    while destinations[latest.state] != nil {
      guard Clock.wallMilliseconds() + Int64(pause) < deadline else { return (latest, false) }
      Clock.sleep(milliseconds: pause)
      pause = min(pause * 2, 800)
      if let state = try read(entity.entityId), var fresh = Entity(state) {
        fresh.temperatureScale = entity.temperatureScale
        latest = fresh
      }
    }
    return (latest, true)
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
