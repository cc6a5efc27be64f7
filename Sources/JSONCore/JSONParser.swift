/// Why a document is not acceptable JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Reason: String, Sendable {
    case empty = "empty document"
    case unexpectedEnd = "unexpected end of input"
    case unexpectedByte = "unexpected character"
    case invalidNumber = "invalid number"
    case invalidString = "invalid string"
    case invalidEscape = "invalid escape sequence"
    case invalidUTF8 = "invalid UTF-8"
    case tooDeep = "nesting too deep"
    case trailingData = "data after the JSON value"
  }
  public let reason: Reason
  public let offset: Int

  public init(reason: Reason, offset: Int) {
    self.reason = reason
    self.offset = offset
  }

  public var description: String { "\(reason.rawValue) at byte \(offset)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes with a nesting limit.
///
/// The limit turns a hostile 10,000-deep event into a clean error instead of a stack overflow.
public struct JSONParser {
  public static let defaultMaximumDepth = 64

  public static func parse(
    _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
  ) throws(JSONParseError) -> JSON {
    let array = Array(bytes)
    return try array.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSON in
      var parser = Cursor(bytes: buffer, maximumDepth: maximumDepth)
      return try parser.document()
    }
  }

  public static func parse(
    _ text: String, maximumDepth: Int = defaultMaximumDepth
  ) throws(JSONParseError) -> JSON {
    try parse(Array(text.utf8), maximumDepth: maximumDepth)
  }
}

private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var index = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  func fail(_ reason: JSONParseError.Reason) -> JSONParseError {
    JSONParseError(reason: reason, offset: index)
  }

  mutating func document() throws(JSONParseError) -> JSON {
    skipWhitespace()
    guard index < bytes.count else { throw fail(.empty) }
    let value = try value()
    skipWhitespace()
    guard index == bytes.count else { throw fail(.trailingData) }
    return value
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func value() throws(JSONParseError) -> JSON {
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw fail(.unexpectedByte)
    }
  }

  mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw fail(.unexpectedEnd) }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      index += offset
      throw fail(.unexpectedByte)
    }
    index += count
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    guard depth <= maximumDepth else { throw fail(.tooDeep) }
    index += 1
    skipWhitespace()
  }

  mutating func object() throws(JSONParseError) -> JSON {
    try enter()
    var members: [(key: String, value: JSON)] = []
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(JSONObject())
    }
    while true {
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte) }
      let key = try string()
      skipWhitespace()
      try expect(UInt8(ascii: ":"))
      skipWhitespace()
      members.append((key, try value()))
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        skipWhitespace()
        continue
      }
      try expect(UInt8(ascii: "}"))
      depth -= 1
      return .object(JSONObject(parsed: members))
    }
  }

  mutating func array() throws(JSONParseError) -> JSON {
    try enter()
    var items: [JSON] = []
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(items)
    }
    while true {
      items.append(try value())
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        skipWhitespace()
        continue
      }
      try expect(UInt8(ascii: "]"))
      depth -= 1
      return .array(items)
    }
  }

  mutating func expect(_ byte: UInt8) throws(JSONParseError) {
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    guard bytes[index] == byte else { throw fail(.unexpectedByte) }
    index += 1
  }

  mutating func number() throws(JSONParseError) -> Double {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw fail(.invalidNumber) }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if isDigit(bytes[index]) {
      skipDigits()
    } else {
      throw fail(.invalidNumber)
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
      skipDigits()
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
      skipDigits()
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      index = start
      throw fail(.invalidNumber)
    }
    return value
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  mutating func skipDigits() {
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
  }

  mutating func string() throws(JSONParseError) -> String {
    index += 1  // opening quote
    let start = index
    // Fast path: no escapes, so the bytes are the string (still validated as UTF-8).
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        return try validated(slice, at: start)
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw fail(.invalidString) }
      index += 1
    }
    var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return try scalars.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
          try validated(buffer, at: start)
        }
      case UInt8(ascii: "\\"):
        index += 1
        try escape(into: &scalars)
      case 0..<0x20:
        throw fail(.invalidString)
      default:
        scalars.append(byte)
        index += 1
      }
    }
    throw fail(.unexpectedEnd)
  }

  func validated(_ slice: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONParseError)
    -> String
  {
    // ASCII is valid UTF-8 as it is: decoding it skips the general validator, which cost
    // more than the rest of parsing a small event.
    if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
    guard let text = String(validating: slice, as: UTF8.self) else {
      throw JSONParseError(reason: .invalidUTF8, offset: start)
    }
    return text
  }

  mutating func escape(into output: inout [UInt8]) throws(JSONParseError) {
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4()
      if (0xD800..<0xDC00).contains(scalar) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw fail(.invalidEscape) }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { throw fail(.invalidEscape) }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalar) {
        throw fail(.invalidEscape)
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw fail(.invalidEscape) }
      output.append(contentsOf: UTF8.encode(unicode)!)
    default:
      index -= 1
      throw fail(.invalidEscape)
    }
  }

  mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail(.unexpectedEnd) }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail(.invalidEscape)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
