/// One HTTP/1.1 request or response: start line, headers in arrival order, body bytes.
public struct HTTPMessage: Sendable {
  /// `HTTP/1.1 200 OK` for a response, `GET /path HTTP/1.1` for a request.
  public var startLine: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(startLine: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [])
  {
    self.startLine = startLine
    self.headers = headers
    self.body = body
  }

  /// The first header with this name, compared case-insensitively as HTTP requires (on
  /// bytes: the runtime loop asks eight headers per invocation, and lowercasing both sides
  /// allocated each time).
  public func header(_ name: String) -> String? {
    headers.first(where: { Self.equalIgnoringASCIICase($0.name, name) })?.value
  }

  static func equalIgnoringASCIICase(_ left: String, _ right: String) -> Bool {
    guard left.utf8.count == right.utf8.count else { return false }
    if left == right { return true }  // the usual case, compared whole
    var (left, right) = (left, right)
    return left.withUTF8 { left in
      right.withUTF8 { right in
        for index in left.indices where lowercased(left[index]) != lowercased(right[index]) {
          return false
        }
        return true
      }
    }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }

  /// The status code of a response (0 when the start line is not a status line): the
  /// three digits after `HTTP/x.y `, read from the line's bytes (`HTTPHead.status`).
  public var statusCode: Int {
    var line = startLine
    return line.withUTF8(HTTPHead.status(of:))
  }

  /// Method and target of a request.
  public var requestLine: (method: String, target: String)? {
    let parts = startLine.split(separator: " ", maxSplits: 2)
    guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
    return (String(parts[0]), String(parts[1]))
  }

  /// Whether the sender asked to close the connection after this message.
  public var closesConnection: Bool {
    if let value = header("Connection") { return value.lowercased().contains("close") }
    return startLine.hasPrefix("HTTP/1.0") || startLine.hasSuffix("HTTP/1.0")
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
