/// An entity id, or a glob of them (`sensor.*_temperature`, `light.garage_?`), as Home
/// Assistant's own entity filter accepts: `*` is any run of characters, `?` any one.
struct EntityPattern: Sendable, Hashable {
  let text: String
  private let bytes: [UInt8]
  let isGlob: Bool

  init(_ text: String) {
    self.text = text
    bytes = Array(text.utf8)
    isGlob = bytes.contains(UInt8(ascii: "*")) || bytes.contains(UInt8(ascii: "?"))
  }

  /// Whether `entityId` matches: linear in practice (the last `*` is the only one
  /// backtracked to), so a long id or many stars cost no more than a scan or two.
  func matches(_ entityId: String) -> Bool {
    guard isGlob else { return text == entityId }
    let name = Array(entityId.utf8)
    var (p, n) = (0, 0)
    var star: Int? = nil
    var resume = 0
    while n < name.count {
      if p < bytes.count, bytes[p] == UInt8(ascii: "?") || bytes[p] == name[n] {
        p += 1
        n += 1
      } else if p < bytes.count, bytes[p] == UInt8(ascii: "*") {
        star = p
        resume = n
        p += 1
      } else if let star {
        p = star + 1
        resume += 1
        n = resume
      } else {
        return false
      }
    }
    while p < bytes.count, bytes[p] == UInt8(ascii: "*") { p += 1 }
    return p == bytes.count
  }
}
