/// Input limits and the small checks handlers share: constant-time secret comparison,
/// allow-lists, identifier rules.
public struct SecurityPolicy: Sendable {
  public let maximumEventBytes: Int
  public let maximumEventDepth: Int

  public init(configuration: Configuration) {
    maximumEventBytes = configuration.maximumEventBytes
    maximumEventDepth = configuration.maximumEventDepth
  }

  /// True when `candidate` is on `allowList`, compared in constant time. Secure by
  /// default: an empty list allows nothing.
  public static func isAllowed(_ candidate: String?, by allowList: [String]) -> Bool {
    guard let candidate else { return false }
    return allowList.contains { constantTimeEquals($0, candidate) }
  }

  /// Compares without an early exit, so timing does not reveal how much of a secret
  /// matched. Lengths must be exactly equal (a length difference is never truncated).
  public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    var difference: UInt8 = left.count == right.count ? 0 : 1
    for index in 0..<max(left.count, right.count) {
      let a = index < left.count ? left[index] : 0
      let b = index < right.count ? right[index] : 0
      difference |= a ^ b
    }
    return difference == 0
  }

  /// An endpoint id or similar token: bounded, and only the characters such ids allow.
  public static func isValidIdentifier(_ text: String, maximumLength: Int = 256) -> Bool {
    !text.isEmpty && text.utf8.count <= maximumLength
      && text.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"):
          true
        default: "_-=#;:?@&.".utf8.contains(byte)
        }
      }
  }
}
