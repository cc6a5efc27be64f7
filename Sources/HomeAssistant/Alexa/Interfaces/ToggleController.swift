import JSONCore

/// `Alexa.ToggleController` instances ("turn on oscillation"): rows of data (see
/// `InstanceController`), and the directives every toggle instance answers.
enum ToggleController {
  static let fanOscillation = InstanceController(
    kind: .toggle, domain: "fan", instance: "fan.oscillating", label: "Oscillate",
    asset: "Alexa.Setting.Oscillate", source: .attribute("oscillating"),
    write: .field(service: "oscillate", name: "oscillating"))

  /// Every toggle row (the routes come from these).
  static let all = [fanOscillation]

  static func directives(for controller: InstanceController) -> [ControlDirective] {
    let interface = InstanceInterface(controller)
    return [("TurnOn", true), ("TurnOff", false)].map { name, on in
      interface.directive(
        name, domains: [controller.domain],
        .payload { _, _ in try controller.call(setting: .bool(on)) })
    }
  }
}
