#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The start line and headers of an HTTP/1.1 message, read on bytes: every warm
/// invocation reads two heads, so lines are found with `memchr`, the status is read from
/// bytes, and the header names the Runtime API always sends are the same
/// strings each time instead of new ones.
enum HTTPHead {
  struct Parsed {
    var startLine: String
    var headers: [(name: String, value: String)]
  }

  /// Header names Lambda sends on every message, compared as static bytes (no reference
  /// count touched); one spelled exactly so is kept as the one string made here.
  private static let knownSpellings: [StaticString] = [
    "Content-Type", "Content-Length", "Date", "Connection", "Transfer-Encoding",
    "Lambda-Runtime-Aws-Request-Id", "Lambda-Runtime-Deadline-Ms",
    "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id",
    "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity",
  ]
  private static let knownNames: [String] = knownSpellings.map { "\($0)" }

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

  /// Splits a head (without its final blank line) into start line, status and headers.
  static func parse(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPFramingError) -> Parsed {
    guard let base = head.baseAddress, !head.isEmpty else { throw .malformed("empty start line") }
    var startLine: String?
    var headers: [(name: String, value: String)] = []
    headers.reserveCapacity(12)
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
      let line = UnsafeBufferPointer(start: base + lineStart, count: lineEnd - lineStart)
      lineStart = lineEnd + 2
      guard startLine != nil else {
        guard !line.isEmpty else { throw .malformed("empty start line") }
        startLine = String(decoding: line, as: UTF8.self)
        continue
      }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
        throw .malformed("header line without a name")
      }
      var valueStart = colon + 1
      var valueEnd = line.count
      while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 {
        valueStart += 1
      }
      while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 {
        valueEnd -= 1
      }
      let nameBytes = UnsafeBufferPointer(rebasing: line[0..<colon])
      let value = String(
        decoding: UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
      headers.append((known(nameBytes) ?? String(decoding: nameBytes, as: UTF8.self), value))
    }
    guard let startLine else { throw .malformed("empty start line") }
    return Parsed(startLine: startLine, headers: headers)
  }

  /// The known name spelled exactly as `name`, if it is one.
  private static func known(_ name: UnsafeBufferPointer<UInt8>) -> String? {
    guard let pointer = name.baseAddress else { return nil }
    var index = 0
    while index < knownSpellings.count {
      let spelling = knownSpellings[index]
      if spelling.utf8CodeUnitCount == name.count,
        memcmp(spelling.utf8Start, pointer, name.count) == 0
      {
        return knownNames[index]
      }
      index += 1
    }
    return nil
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
