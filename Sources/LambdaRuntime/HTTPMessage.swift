#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One HTTP/1.1 request or response: start line, headers in arrival order, body bytes.
///
/// The head is kept as bytes with each header's name and value as ranges: a warm
/// invocation reads two heads and asks a few headers of each, so only the values asked
/// for become strings (making every name and value a string was a tenth of a warm ping).
public struct HTTPMessage: Sendable {
  /// Where one header's name and (trimmed) value are in `head`.
  struct Field: Sendable {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
  }

  /// The start line, then each header as `name: value`, each line ending in CRLF.
  private var head: [UInt8]
  private var startLineEnd: Int
  private var fields: [Field]
  /// The headers that frame the message, found once: every message read asks them.
  private var contentLengthField: Field?
  private var transferEncodingField: Field?
  private var connectionField: Field?
  /// The status code of a response (0 when the start line is not a status line): the
  /// three digits after `HTTP/x.y `, read once from the line's bytes (`HTTPHead.status`).
  public private(set) var statusCode: Int
  public var body: [UInt8]

  public init(startLine: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [])
  {
    var head: [UInt8] = []
    head.append(contentsOf: startLine.utf8)
    let startLineEnd = head.count
    head.append(contentsOf: [13, 10])
    var fields: [Field] = []
    fields.reserveCapacity(headers.count)
    for (name, value) in headers {
      let nameStart = head.count
      head.append(contentsOf: name.utf8)
      let nameEnd = head.count
      head.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
      let valueStart = head.count
      head.append(contentsOf: value.utf8)
      fields.append(
        Field(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: head.count))
      head.append(contentsOf: [13, 10])
    }
    self.init(head: head, startLineEnd: startLineEnd, fields: fields, body: body)
  }

  /// A head as `HTTPHead.parse` found it.
  init(head: [UInt8], startLineEnd: Int, fields: [Field], body: [UInt8] = []) {
    self.head = head
    self.startLineEnd = startLineEnd
    self.fields = fields
    self.body = body
    statusCode = head.withUnsafeBufferPointer {
      HTTPHead.status(of: UnsafeBufferPointer(rebasing: $0[0..<startLineEnd]))
    }
    var (length, coding, connection): (Field?, Field?, Field?)
    forEachField { name, field in  // the first of each name wins
      if Self.isNamed(name, "Content-Length") {
        length = length ?? field
      } else if Self.isNamed(name, "Transfer-Encoding") {
        coding = coding ?? field
      } else if Self.isNamed(name, "Connection") {
        connection = connection ?? field
      }
    }
    (contentLengthField, transferEncodingField, connectionField) = (length, coding, connection)
  }

  /// `HTTP/1.1 200 OK` for a response, `GET /path HTTP/1.1` for a request.
  public var startLine: String {
    get { text(0, startLineEnd) }
    set { self = HTTPMessage(startLine: newValue, headers: headers, body: body) }
  }

  public var headers: [(name: String, value: String)] {
    get {
      fields.map { (text($0.nameStart, $0.nameEnd), value($0)) }
    }
    set { self = HTTPMessage(startLine: startLine, headers: newValue, body: body) }
  }

  private func text(_ start: Int, _ end: Int) -> String {
    head.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
    }
  }

  /// The first header with this name, compared case-insensitively (ASCII letters only) as
  /// HTTP requires, on bytes.
  public func header(_ name: String) -> String? {
    field(named: name).map(value)
  }

  /// Calls `visit` with each header's name and field, in order: for a reader that wants
  /// several headers in one pass (the runtime loop reads six).
  func forEachField(_ visit: (UnsafeBufferPointer<UInt8>, Field) -> Void) {
    head.withUnsafeBufferPointer { head in
      for field in fields {
        visit(UnsafeBufferPointer(rebasing: head[field.nameStart..<field.nameEnd]), field)
      }
    }
  }

  /// Whether `name` is `wanted`, but for the case of ASCII letters.
  static func isNamed(_ name: UnsafeBufferPointer<UInt8>, _ wanted: StaticString) -> Bool {
    guard let base = name.baseAddress, name.count == wanted.utf8CodeUnitCount else {
      return false
    }
    return equalIgnoringASCIICase(base, wanted.utf8Start, name.count)
  }

  /// `field`'s value as a string.
  func value(_ field: Field) -> String { text(field.valueStart, field.valueEnd) }

  /// Whether `field`'s value is `text`, byte for byte (a value seen before is reused).
  func value(_ field: Field, equals text: String) -> Bool {
    var text = text
    let count = field.valueEnd - field.valueStart
    return text.withUTF8 { wanted in
      head.withUnsafeBufferPointer { head in
        guard wanted.count == count, let base = head.baseAddress else { return false }
        return count == 0 || memcmp(base + field.valueStart, wanted.baseAddress!, count) == 0
      }
    }
  }

  /// How the body is framed: `Content-Length` (nil: absent; .some(nil): not a number).
  var contentLength: Int64?? { contentLengthField.map(number) }

  /// Whether `Transfer-Encoding` names chunked coding.
  var isChunked: Bool {
    guard let field = transferEncodingField else { return false }
    return value(field).lowercased().contains("chunked")
  }

  /// `field`'s value as a non-negative decimal number of at most 18 digits (nil for
  /// anything else), read without making a string.
  func number(_ field: Field) -> Int64? {
    let count = field.valueEnd - field.valueStart
    guard count > 0, count <= 18 else { return nil }
    var number: Int64 = 0
    for index in field.valueStart..<field.valueEnd {
      let digit = head[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      number = number * 10 + Int64(digit)
    }
    return number
  }

  private func field(named name: String) -> Field? {
    var name = name
    return name.withUTF8 { wanted in
      head.withUnsafeBufferPointer { head in
        guard let wantedBase = wanted.baseAddress, let headBase = head.baseAddress else {
          return nil
        }
        for field in fields where field.nameEnd - field.nameStart == wanted.count {
          if Self.equalIgnoringASCIICase(headBase + field.nameStart, wantedBase, wanted.count) {
            return field
          }
        }
        return nil
      }
    }
  }

  /// Whether `count` bytes at `left` and `right` are equal but for the case of ASCII
  /// letters; the usual case, spelled alike, is one `memcmp`.
  static func equalIgnoringASCIICase(
    _ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int
  ) -> Bool {
    if memcmp(left, right, count) == 0 { return true }
    for index in 0..<count where lowercased(left[index]) != lowercased(right[index]) {
      return false
    }
    return true
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }

  /// Method and target of a request.
  public var requestLine: (method: String, target: String)? {
    let parts = startLine.split(separator: " ", maxSplits: 2)
    guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
    return (String(parts[0]), String(parts[1]))
  }

  /// Whether the sender asked to close the connection after this message.
  public var closesConnection: Bool {
    if let field = connectionField {
      return value(field).lowercased().contains("close")
    }
    let version: StaticString = "HTTP/1.0"
    let count = version.utf8CodeUnitCount
    guard startLineEnd >= count else { return false }
    return head.withUnsafeBufferPointer { line in
      guard let base = line.baseAddress else { return false }
      return memcmp(base, version.utf8Start, count) == 0
        || memcmp(base + startLineEnd - count, version.utf8Start, count) == 0
    }
  }

  /// Serialises the message with a correct Content-Length.
  public func serialized() -> [UInt8] {
    var head = startLine + "\r\n"
    for (name, value) in headers where name.lowercased() != "content-length" {
      head += "\(name): \(value)\r\n"
    }
    head += "Content-Length: \(body.count)\r\n\r\n"
    var bytes = Array(head.utf8)
    bytes.append(contentsOf: body)
    return bytes
  }
}
