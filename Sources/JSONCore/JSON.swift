/// A JSON value that keeps object members in document order.
///
/// Ordered members make replies deterministic and diffable; objects in this domain are
/// small (Alexa headers, Home Assistant attributes), so lookup is a short linear scan.
public enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object(JSONObject)
  /// A constant value serialised once; the writer splices its bytes in (see JSONFragment).
  case fragment(JSONFragment)

  /// The value itself, looking through a fragment.
  public var resolved: JSON {
    if case .fragment(let fragment) = self { return fragment.value }
    return self
  }

  public subscript(key: String) -> JSON? {
    if case .object(let object) = resolved { return object[key] }
    return nil
  }

  public subscript(index: Int) -> JSON? {
    if case .array(let items) = resolved, items.indices.contains(index) { return items[index] }
    return nil
  }

  public var string: String? {
    if case .string(let value) = resolved { return value }
    return nil
  }

  public var number: Double? {
    if case .number(let value) = resolved { return value }
    return nil
  }

  /// The value as an integer when it is a number with no fractional part.
  public var int: Int? {
    guard case .number(let value) = resolved, value.rounded() == value, abs(value) < 9.0e15 else {
      return nil
    }
    return Int(value)
  }

  public var bool: Bool? {
    if case .bool(let value) = resolved { return value }
    return nil
  }

  public var array: [JSON]? {
    if case .array(let items) = resolved { return items }
    return nil
  }

  public var object: JSONObject? {
    if case .object(let object) = resolved { return object }
    return nil
  }

  public var isNull: Bool { resolved == .null }

  /// Values are equal whether or not either is a fragment.
  public static func == (lhs: JSON, rhs: JSON) -> Bool {
    switch (lhs.resolved, rhs.resolved) {
    case (.null, .null): true
    case (.bool(let left), .bool(let right)): left == right
    case (.number(let left), .number(let right)): left == right
    case (.string(let left), .string(let right)): left == right
    case (.array(let left), .array(let right)): left == right
    case (.object(let left), .object(let right)): left == right
    default: false
    }
  }
}

/// A constant JSON value with its compact serialisation, made once and reused: the
/// discovery reply repeats the same capability entries for hundreds of endpoints.
public final class JSONFragment: Sendable {
  public let value: JSON
  public let bytes: [UInt8]

  public init(_ value: JSON) {
    self.value = value.resolved
    bytes = JSONWriter().bytes(value)
  }
}

/// Object members in document order. A later duplicate key replaces the earlier value
/// (the last one wins, as in most parsers) and keeps the first one's place.
public struct JSONObject: Sendable, Equatable, Sequence {
  public private(set) var members: [(key: String, value: JSON)]

  public init() { members = [] }

  /// Members as parsed, duplicates resolved in linear time: a scan for small objects, a
  /// key index once the object is wide (a 1 MB event may be one object of 90,000 keys).
  init(parsed members: [(key: String, value: JSON)]) {
    guard members.count > Self.scanLimit else {
      let unique = members.indices.allSatisfy { index in
        !members[..<index].contains { $0.key == members[index].key }
      }
      if unique {
        self.members = members  // the usual case: no copy
        return
      }
      self.members = []
      self.members.reserveCapacity(members.count)
      for (key, value) in members { self[key] = value }
      return
    }
    var positions = [String: Int](minimumCapacity: members.count)
    var unique: [(key: String, value: JSON)] = []
    unique.reserveCapacity(members.count)
    for member in members {
      if let position = positions[member.key] {
        unique[position].value = member.value
      } else {
        positions[member.key] = unique.count
        unique.append(member)
      }
    }
    self.members = unique
  }

  /// Up to this many members, scanning for a duplicate is cheaper than hashing every key.
  static let scanLimit = 16

  public init(_ members: [(String, JSON)]) {
    self.members = []
    self.members.reserveCapacity(members.count)
    for (key, value) in members { self[key] = value }
  }

  public var count: Int { members.count }
  public var keys: [String] { members.map(\.key) }

  public subscript(key: String) -> JSON? {
    get { members.first(where: { $0.key == key })?.value }
    set {
      let index = members.firstIndex(where: { $0.key == key })
      switch (index, newValue) {
      case (let index?, let value?): members[index].value = value
      case (let index?, nil): members.remove(at: index)
      case (nil, let value?): members.append((key, value))
      case (nil, nil): break
      }
    }
  }

  /// Appends without checking for an existing key: for builders that know keys are unique.
  public mutating func appendUnique(_ key: String, _ value: JSON) {
    members.append((key, value))
  }

  public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> {
    members.makeIterator()
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  /// Keys in a literal are the programmer's, known to be distinct: appended directly.
  public init(dictionaryLiteral elements: (String, JSON)...) {
    var object = JSONObject()
    for (key, value) in elements { object.appendUnique(key, value) }
    self = .object(object)
  }
}

extension JSON {
  public init(_ value: Int) { self = .number(Double(value)) }
}
