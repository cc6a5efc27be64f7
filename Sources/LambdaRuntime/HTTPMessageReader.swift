/// Why a peer's bytes are not a well-framed HTTP/1.1 message.
public enum HTTPFramingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The peer closed the connection before a message started: a normal keep-alive close.
  case closedBeforeMessage
  /// The peer closed the connection in the middle of a message.
  case truncated
  case malformed(String)
  case tooLarge(limit: Int)

  public var description: String {
    switch self {
    case .closedBeforeMessage: "connection closed by peer"
    case .truncated: "connection closed in the middle of a message"
    case .malformed(let why): "malformed HTTP message: \(why)"
    case .tooLarge(let limit): "HTTP message larger than \(limit) bytes"
    }
  }
}

/// Reads HTTP/1.1 messages from one connection, keeping bytes that arrive early.
///
/// Bodies are framed by Content-Length or chunked transfer coding; a response with
/// neither runs to the end of the connection. One reader serves the runtime client and
/// the local emulator's server, so both sides agree on framing by construction.
public final class HTTPMessageReader {
  public enum Kind { case request, response }
  public enum Failure: Error {
    case framing(HTTPFramingError)
    case socket(SocketError)
  }

  private let socket: Socket
  /// Bytes `start..<end` are received and not yet consumed; the rest is free space.
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private let maximumSize: Int
  /// The start line and headers together, and any one chunk-size or trailer line: far
  /// more than any peer of ours sends, and bounded so a peer cannot grow the buffer forever.
  public static let maximumHeadSize = 64 * 1024

  public init(socket: Socket, maximumSize: Int = 16 * 1024 * 1024) {
    self.socket = socket
    self.maximumSize = maximumSize
    buffer = [UInt8](repeating: 0, count: 16384)
  }

  /// `keepingSuccessBody` false: a 2xx response's Content-Length body is read past, not
  /// kept (the runtime client's posts need only their status).
  public func read(_ kind: Kind, keepingSuccessBody: Bool = true) throws(Failure) -> HTTPMessage {
    compact()
    let headEnd = try readUntilHeadEnd()
    var message = try buffer.withUnsafeBufferPointer { (bytes) throws(Failure) in
      do throws(HTTPFramingError) {
        return try HTTPHead.parse(UnsafeBufferPointer(rebasing: bytes[start..<headEnd]))
      } catch {
        throw .framing(error)
      }
    }
    start = headEnd + 4
    let status = kind == .response ? message.statusCode : 0
    if kind == .response, status == 0 { throw .framing(.malformed("bad status line")) }
    if kind == .request, message.requestLine == nil {
      throw .framing(.malformed("bad request line"))
    }
    let bodyless = kind == .response && (status / 100 == 1 || status == 204 || status == 304)
    if bodyless { return message }
    if message.isChunked {
      message.body = try readChunked()
    } else if let length = message.contentLength {
      guard let length else { throw .framing(.malformed("bad Content-Length")) }
      guard length <= maximumSize else { throw .framing(.tooLarge(limit: maximumSize)) }
      if !keepingSuccessBody && status / 100 == 2 {
        try skip(Int(length))
      } else {
        message.body = try readExactly(Int(length))
      }
    } else if kind == .response {
      message.body = try readToEnd()
    }
    compact()
    return message
  }

  // MARK: - Buffer management

  private var available: Int { end - start }

  /// Reads more bytes, making room first; false when the peer closed the connection.
  private func fill() throws(Failure) -> Bool {
    if end == buffer.count {
      if start > 0 {
        buffer.withUnsafeMutableBytes { raw in
          raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: end - start)
        }
        end -= start
        start = 0
      } else {
        guard buffer.count < maximumSize + 65536 else {
          throw .framing(.tooLarge(limit: maximumSize))
        }
        buffer.append(contentsOf: repeatElement(0, count: buffer.count))
      }
    }
    let result = buffer.withUnsafeMutableBytes { raw in
      Result { () throws(SocketError) in
        try socket.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
      }
    }
    let received: Int
    switch result {
    case .success(let count): received = count
    case .failure(let error): throw .socket(error)
    }
    end += received
    return received > 0
  }

  private func compact() {
    if start == end {
      start = 0
      end = 0
    }
  }

  private func readUntilHeadEnd() throws(Failure) -> Int {
    var searchFrom = start
    while true {
      if let end = findHeadEnd(from: searchFrom) { return end }
      guard available <= Self.maximumHeadSize else {
        throw .framing(.tooLarge(limit: Self.maximumHeadSize))
      }
      searchFrom = max(start, end - 3)
      if !(try fill()) {
        throw .framing(available == 0 ? .closedBeforeMessage : .truncated)
      }
    }
  }

  private func findHeadEnd(from: Int) -> Int? {
    buffer.withUnsafeBufferPointer { bytes in
      HTTPHead.end(of: UnsafeBufferPointer(rebasing: bytes[0..<end]), from: from)
    }
  }

  private func readExactly(_ count: Int) throws(Failure) -> [UInt8] {
    while available < count {
      if !(try fill()) { throw .framing(.truncated) }
    }
    let body = Array(buffer[start..<start + count])
    start += count
    return body
  }

  private func skip(_ count: Int) throws(Failure) {
    var left = count
    while left > 0 {
      if available == 0, !(try fill()) { throw .framing(.truncated) }
      let taken = min(left, available)
      start += taken
      left -= taken
    }
  }

  private func readLine() throws(Failure) -> String {
    while true {
      if let newline = buffer[start..<end].firstIndex(of: 10), newline > start,
        buffer[newline - 1] == 13
      {
        let line = String(decoding: buffer[start..<newline - 1], as: UTF8.self)
        start = newline + 1
        return line
      }
      guard available <= Self.maximumHeadSize else {
        throw .framing(.tooLarge(limit: Self.maximumHeadSize))
      }
      if !(try fill()) { throw .framing(.truncated) }
    }
  }

  private func readChunked() throws(Failure) -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let sizeLine = try readLine()
      let sizeText = sizeLine.utf8.prefix(while: {
        $0 != UInt8(ascii: ";") && $0 != 0x20 && $0 != 0x09
      })
      // At most 8 hex digits: a larger chunk could never fit, and `Int(_:radix:)` of 16
      // digits reaches values whose sum with the body's length overflows.
      guard sizeText.count <= 8,
        let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0
      else {
        throw .framing(.malformed("bad chunk size"))
      }
      if size == 0 {
        while try !readLine().isEmpty {}  // trailers end with an empty line
        return body
      }
      guard size <= maximumSize - body.count else {
        throw .framing(.tooLarge(limit: maximumSize))
      }
      body.append(contentsOf: try readExactly(size))
      guard try readLine().isEmpty else { throw .framing(.malformed("chunk without CRLF")) }
    }
  }

  private func readToEnd() throws(Failure) -> [UInt8] {
    while try fill() {}
    let body = Array(buffer[start..<end])
    start = end
    return body
  }
}
