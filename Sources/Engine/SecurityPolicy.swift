/// Input limits and the small checks handlers share: constant-time secret comparison and
/// the `ALEXA_SKILL_ID` allow-list.
public struct SecurityPolicy: Sendable {
  public let maximumEventBytes: Int
  public let maximumEventDepth: Int
  public let allowedSkillIds: [String]

  public init(configuration: Configuration) {
    maximumEventBytes = configuration.maximumEventBytes
    maximumEventDepth = configuration.maximumEventDepth
    allowedSkillIds = configuration.alexaSkillIds
  }

  /// True when `applicationId` is on the allow-list. Secure by default: with no list,
  /// no skill is allowed (any skill could otherwise reach the owner's home).
  public func isAllowedSkill(_ applicationId: String?) -> Bool {
    guard let applicationId else { return false }
    return allowedSkillIds.contains { Self.constantTimeEquals($0, applicationId) }
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

  /// An Alexa endpoint id or similar token: bounded, and only characters Amazon allows.
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
