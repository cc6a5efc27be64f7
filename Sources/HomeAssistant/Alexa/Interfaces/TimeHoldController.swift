import JSONCore

/// `Alexa.TimeHoldController` ("Alexa, pause the laundry timer"; "resume the vacuum"):
/// Home Assistant's pause and start services of timers and vacuums.
struct TimeHoldController: AlexaInterface {
  let namespace = "Alexa.TimeHoldController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = TimeHoldController().constantEntry([
    ("configuration", ["allowRemoteResume": true])
  ])

  static let domains: Set<String> = ["timer", "vacuum"]

  var directives: [ControlDirective] {
    [("Hold", "pause"), ("Resume", "start")].map { name, service in
      directive(
        name, domains: Self.domains,
        .payload { _, domain in ControlDirective.ServiceCall(domain: domain, service: service) })
    }
  }

  /// A vacuum can hold when it can pause and start again.
  static func vacuumCanHold(_ entity: Entity) -> Bool {
    entity.supportedFeatures & VacuumFeature.pause != 0
      && entity.supportedFeatures & VacuumFeature.start != 0
  }
}

extension Capability {
  static let timeHold = Capability(TimeHoldController())
}
