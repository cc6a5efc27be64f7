/// What kind of event arrived, decided from a few fields of its JSON.
public enum Route: Hashable, Sendable, CustomStringConvertible {
  /// Alexa Smart Home: `directive.header.namespace` / `name`.
  case smartHome(namespace: String, name: String)
  /// Alexa custom skill: `request.type` (LaunchRequest, IntentRequest, …).
  case customSkill(requestType: String)
  /// Invoked by hand: `action` (ping, health, diagnostics).
  case operatorAction(String)
  /// EventBridge `Scheduled Event`: warm-up.
  case schedule

  /// The key of the fast-path table, e.g. `Alexa.PowerController/TurnOn`.
  public var key: String {
    switch self {
    case .smartHome(let namespace, let name): "\(namespace)/\(name)"
    case .customSkill(let requestType): "skill/\(requestType)"
    case .operatorAction(let action): "operator/\(action)"
    case .schedule: "schedule"
    }
  }

  public var family: Family {
    switch self {
    case .smartHome: .smartHome
    case .customSkill: .customSkill
    case .operatorAction: .operatorAction
    case .schedule: .schedule
    }
  }

  public var description: String { key }

  /// Routes of one family share a fallback for keys nobody registered.
  public enum Family: Hashable, Sendable, CaseIterable {
    case smartHome, customSkill, operatorAction, schedule
  }
}
