/// A Home Assistant entity id (`light.kitchen`) and the Alexa endpoint id it maps to
/// (`light#kitchen`): the one place the two forms are converted.
struct EntityId: Hashable, Sendable, CustomStringConvertible {
  let domain: String
  let objectId: String

  /// `light.kitchen`; nil without a domain and an object id.
  init?(_ text: String) {
    guard let dot = text.firstIndex(of: "."), dot != text.startIndex,
      text.index(after: dot) != text.endIndex
    else { return nil }
    domain = String(text[..<dot])
    objectId = String(text[text.index(after: dot)...])
  }

  /// From an endpoint id of the `domain#object_id` form this skill announces (lower-case
  /// letters, digits and `_` only).
  init?(endpointId: String) {
    let parts = endpointId.split(separator: "#", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
      (parts[0] + parts[1]).utf8.allSatisfy({
        ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95
      })
    else { return nil }
    domain = String(parts[0])
    objectId = String(parts[1])
  }

  /// `light.kitchen`.
  var description: String { "\(domain).\(objectId)" }
  /// `light#kitchen`: Alexa's endpoint id for the entity.
  var endpointId: String { "\(domain)#\(objectId)" }
}
