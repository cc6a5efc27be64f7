import JSONCore

/// With proactive events on, discovery says which properties Alexa will hear about
/// unasked: every supported property the push path reports (so Alexa offers contact and
/// motion sensors as routine triggers), EndpointHealth's too. Scenes keep false: their
/// activations are not pushed. The endpoints stay the same, so routines keep working.
///
/// Capability entries are mostly serialised once (`JSONFragment`); each distinct one is
/// marked once per Discover reply and reused.
final class ProactiveMarking {
  private var marked: [ObjectIdentifier: JSON] = [:]

  func marking(_ entry: JSON) -> JSON {
    guard case .fragment(let fragment) = entry else { return Self.mark(entry) }
    if let known = marked[ObjectIdentifier(fragment)] { return known }
    let result = JSON.fragment(JSONFragment(Self.mark(fragment.value)))
    marked[ObjectIdentifier(fragment)] = result
    return result
  }

  static func mark(_ entry: JSON) -> JSON {
    guard var capability = entry.object, var properties = capability["properties"]?.object,
      properties["supported"] != nil,
      capability["interface"] != "Alexa.SceneController"
    else { return entry }
    properties["proactivelyReported"] = true
    capability["properties"] = .object(properties)
    return .object(capability)
  }
}
