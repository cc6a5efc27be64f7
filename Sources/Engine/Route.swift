/// What kind of event arrived, decided from a few fields of its JSON.
public enum Route: Hashable, Sendable, CustomStringConvertible {
  /// A Smart Home directive: `directive.header.namespace` / `name`.
  case smartHome(namespace: String, name: String)
  /// A custom-skill request: `request.type` (LaunchRequest, IntentRequest, …).
  case customSkill(requestType: String)
  /// Invoked by hand: `action` (ping, health, diagnostics).
  case operatorAction(String)
  /// EventBridge `Scheduled Event`: warm-up.
  case schedule
  /// An HTTP request through the function's URL (Lambda Function URL, payload 2.0).
  case httpRequest(method: String, path: String)

  /// The route's name in logs and metrics, e.g. `Namespace.Interface/Name`.
  public var key: String {
    switch self {
    // Concatenated, not interpolated: every invocation names its route in its metrics.
    case .smartHome(let namespace, let name): namespace + "/" + name
    case .customSkill(let requestType): "skill/" + requestType
    case .operatorAction(let action): "operator/" + action
    case .schedule: "schedule"
    case .httpRequest(let method, let path): "http/" + method + " " + path
    }
  }

  public var family: Family {
    switch self {
    case .smartHome: .smartHome
    case .customSkill: .customSkill
    case .operatorAction: .operatorAction
    case .schedule: .schedule
    case .httpRequest: .httpRequest
    }
  }

  public var description: String { key }

  /// Routes of one family share a fallback for keys nobody registered. The raw values are
  /// what `SERVE` lists.
  public enum Family: String, Hashable, Sendable, CaseIterable {
    case smartHome = "smart-home"
    case customSkill = "custom-skill"
    case operatorAction = "operator"
    case schedule
    case httpRequest = "http"

    /// The case's name, the metrics' `Family` dimension (`"\(family)"` gives the same text
    /// through reflection, a tenth of a warm ping's instructions).
    public var name: String {
      switch self {
      case .smartHome: "smartHome"
      case .customSkill: "customSkill"
      case .operatorAction: "operatorAction"
      case .schedule: "schedule"
      case .httpRequest: "httpRequest"
      }
    }
  }
}
