import JSONCore

/// `Alexa.LockController`: "lock the front door".
struct LockController: AlexaInterface {
  let namespace = "Alexa.LockController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = LockController().constantEntry(supported: ["lockState"])

  /// A lock on its way is still where it was (as Home Assistant's own integration
  /// reports): locking is still UNLOCKED, unlocking still LOCKED. Only "jammed" is
  /// JAMMED; a state Alexa has no word for is not reported at all.
  func properties(of entity: Entity, at time: String) -> [JSON] {
    let value: String? =
      switch entity.state {
      case "locked", "unlocking": "LOCKED"
      case "unlocked", "locking", "open", "opening": "UNLOCKED"
      case "jammed": "JAMMED"
      default: nil
      }
    return value.map { [property("lockState", .string($0), at: time)] } ?? []
  }

  var directives: [ControlDirective] {
    [("Lock", "lock"), ("Unlock", "unlock")].map { name, service in
      directive(
        name, domains: ["lock"],
        .payload { _, _ in ControlDirective.ServiceCall(domain: "lock", service: service) })
    }
  }
}

extension Capability {
  static let lock = Capability(LockController())
}
