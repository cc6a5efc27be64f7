#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The start line and headers of an HTTP/1.1 message, read on bytes: every warm
/// invocation reads two heads, so lines are found with `memchr`, the status is read from
/// bytes, and headers are kept as ranges of one copy of the head (`HTTPMessage`).
enum HTTPHead {
  /// Where the blank line that ends the head starts (`\r\n\r\n`), searching `bytes` from
  /// `from`; nil when it has not arrived yet.
  static func end(of bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = max(0, from)
    while index + 3 < bytes.count {
      guard let found = memchr(base + index, 13, bytes.count - 3 - index) else { return nil }
      let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if base[at + 1] == 10, base[at + 2] == 13, base[at + 3] == 10 { return at }
      index = at + 1
    }
    return nil
  }

  /// Splits a head (without its final blank line) into start line and headers, each
  /// header's value trimmed of spaces and tabs.
  static func parse(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPFramingError) -> HTTPMessage {
    guard let base = head.baseAddress, !head.isEmpty else { throw .malformed("empty start line") }
    var startLineEnd: Int?
    var fields: [HTTPMessage.Field] = []
    fields.reserveCapacity(12)
    var lineStart = 0
    while lineStart <= head.count {
      var lineEnd = head.count
      var search = lineStart
      while search < head.count,
        let found = memchr(base + search, 13, head.count - search)
      {
        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if at + 1 < head.count, base[at + 1] == 10 {
          lineEnd = at
          break
        }
        search = at + 1
      }
      defer { lineStart = lineEnd + 2 }
      guard startLineEnd != nil else {
        guard lineEnd > lineStart else { throw .malformed("empty start line") }
        startLineEnd = lineEnd
        continue
      }
      guard let found = memchr(base + lineStart, Int32(UInt8(ascii: ":")), lineEnd - lineStart)
      else { throw .malformed("header line without a name") }
      let colon = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      guard colon > lineStart else { throw .malformed("header line without a name") }
      var valueStart = colon + 1
      var valueEnd = lineEnd
      while valueStart < valueEnd, base[valueStart] == 0x20 || base[valueStart] == 0x09 {
        valueStart += 1
      }
      while valueEnd > valueStart, base[valueEnd - 1] == 0x20 || base[valueEnd - 1] == 0x09 {
        valueEnd -= 1
      }
      fields.append(
        HTTPMessage.Field(
          nameStart: lineStart, nameEnd: colon, valueStart: valueStart, valueEnd: valueEnd))
    }
    guard let startLineEnd else { throw .malformed("empty start line") }
    return HTTPMessage(head: Array(head), startLineEnd: startLineEnd, fields: fields)
  }

  /// The three digits after `HTTP/x.y ` (0 when the line is not a status line).
  static func status(of line: UnsafeBufferPointer<UInt8>) -> Int {
    let prefix: StaticString = "HTTP/"
    guard let start = line.baseAddress, line.count > prefix.utf8CodeUnitCount,
      memcmp(start, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    else { return 0 }
    var index = prefix.utf8CodeUnitCount
    while index < line.count, line[index] != UInt8(ascii: " ") { index += 1 }
    index += 1
    var code = 0
    var digits = 0
    while index < line.count, line[index] != UInt8(ascii: " ") {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]), digits < 3 else {
        return 0
      }
      code = code * 10 + Int(line[index] - UInt8(ascii: "0"))
      digits += 1
      index += 1
    }
    return digits == 3 ? code : 0
  }
}
