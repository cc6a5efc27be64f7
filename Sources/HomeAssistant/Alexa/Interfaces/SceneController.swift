import JSONCore

/// `Alexa.SceneController`: "Alexa, movie night" — scenes, scripts and buttons. Scripts
/// can be deactivated (turned off); the reply is ActivationStarted / DeactivationStarted.
struct SceneController: AlexaInterface {
  let namespace = "Alexa.SceneController"
  let supportsDeactivation: Bool
  /// Activations are answered, not pushed.
  var isPushed: Bool { false }

  func discovery(for entity: Entity) -> JSON {
    supportsDeactivation ? Self.withDeactivation : Self.withoutDeactivation
  }
  private static let withDeactivation = SceneController(supportsDeactivation: true).entry
  private static let withoutDeactivation = SceneController(supportsDeactivation: false).entry
  private var entry: JSON {
    constantEntry([
      ("supportsDeactivation", .bool(supportsDeactivation)), ("proactivelyReported", false),
    ])
  }

  static let domains: Set<String> = ["scene", "script", "button", "input_button"]

  var directives: [ControlDirective] {
    var directives = [
      directive(
        "Activate", domains: Self.domains, answer: .activation(name: "ActivationStarted"),
        .payload { _, domain in
          ControlDirective.ServiceCall(
            domain: domain, service: domain.hasSuffix("button") ? "press" : "turn_on")
        })
    ]
    if supportsDeactivation {
      directives.append(
        directive(
          "Deactivate", domains: ["script"], answer: .activation(name: "DeactivationStarted"),
          .payload { _, _ in ControlDirective.ServiceCall(domain: "script", service: "turn_off") }))
    }
    return directives
  }

  /// The reply to Activate or Deactivate: `name`, a cause and a timestamp, and the
  /// endpoint's health.
  static func reply(_ event: JSON, entity: Entity, name: String) -> JSON {
    let time = AlexaMessage.now()
    let (correlationToken, endpointId) = AlexaMessage.echo(event)
    return AlexaMessage.event(
      header: AlexaMessage.header(
        namespace: SceneController(supportsDeactivation: false).namespace, name: name,
        correlationToken: correlationToken),
      endpointId: endpointId,
      payload: ["cause": ["type": "VOICE_INTERACTION"], "timestamp": .string(time)],
      properties: Capability.endpointHealth.properties(of: entity, at: time))
  }
}

extension Capability {
  static func scene(supportsDeactivation: Bool) -> Capability {
    supportsDeactivation ? deactivatableScene : scene
  }
  private static let scene = Capability(SceneController(supportsDeactivation: false))
  private static let deactivatableScene = Capability(SceneController(supportsDeactivation: true))
}
