import JSONCore

/// With proactive events on, discovery says which properties Alexa will hear about
/// unasked: those of every interface that says it is pushed (`AlexaInterface.isPushed`),
/// so Alexa offers contact and motion sensors as routine triggers, and EndpointHealth's
/// wherever another of the endpoint's properties is pushed. The endpoints stay the same,
/// so routines keep working.
///
/// Capability entries are mostly serialised once (`JSONFragment`); each distinct one is
/// marked once per Discover reply and reused.
final class ProactiveMarking {
  private var marked: [ObjectIdentifier: JSON] = [:]

  /// The endpoint's capability entries, each with its discovery entry, marked.
  func marking(_ entries: [(Capability, JSON)]) -> [JSON] {
    let pushed = entries.contains { capability, entry in
      capability.interface.isPushed && !(capability.interface is EndpointHealth)
        && entry["properties"]?["supported"] != nil
    }
    return entries.map { capability, entry in
      capability.interface.isPushed && (pushed || !(capability.interface is EndpointHealth))
        ? marking(entry) : entry
    }
  }

  private func marking(_ entry: JSON) -> JSON {
    guard case .fragment(let fragment) = entry else { return Self.mark(entry) }
    if let known = marked[ObjectIdentifier(fragment)] { return known }
    let result = JSON.fragment(JSONFragment(Self.mark(fragment.value)))
    marked[ObjectIdentifier(fragment)] = result
    return result
  }

  static func mark(_ entry: JSON) -> JSON {
    guard var capability = entry.object, var properties = capability["properties"]?.object,
      properties["supported"] != nil
    else { return entry }
    properties["proactivelyReported"] = true
    capability["properties"] = .object(properties)
    return .object(capability)
  }
}
