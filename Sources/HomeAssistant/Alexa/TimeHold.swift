/// Alexa.TimeHoldController ("Alexa, pause the laundry timer"; "resume the vacuum"):
/// Home Assistant's pause and start services of timers and vacuums.
enum TimeHold {
  static let domains: Set<String> = ["timer", "vacuum"]

  static let directives = [("Hold", "pause"), ("Resume", "start")].map { name, service in
    ControlDirective(namespace: "Alexa.TimeHoldController", name: name, domains: domains) {
      _, domain, _ in
      ControlDirective.ServiceCall(domain: domain, service: service)
    }
  }
}
