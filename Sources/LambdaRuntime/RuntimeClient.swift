/// The Lambda Runtime API client: plain HTTP/1.1 over one keep-alive loopback connection.
///
/// Deliberately not libcurl: the Runtime API is local and tiny, and linking libcurl costs
/// ~8 ms of process start. Requests are built into one reused buffer and sent with one
/// `send`; a connection the peer closed is reopened once, transparently.
public final class RuntimeClient {
  public let host: String
  public let port: UInt16
  private let hostHeader: String
  private var socket: Socket?
  private var reader: HTTPMessageReader?
  private var requestBuffer: [UInt8] = []
  /// The last invocation's function ARN, reused while it stays the same.
  private var lastFunctionArn: String?

  /// A request's path: static text around one dynamic part (the request id), written
  /// straight into the request (joining them as a string first cost as much as parsing
  /// the reply).
  private struct Path {
    var prefix: StaticString
    var middle = ""
    var suffix: StaticString = ""
  }

  private static let nextPath = Path(prefix: "/2018-06-01/runtime/invocation/next")

  private enum Method {
    case get, post
    var text: StaticString { self == .get ? "GET" : "POST" }
  }

  /// `endpoint` is `host:port`, as in `AWS_LAMBDA_RUNTIME_API`.
  public init(endpoint: String) throws(RuntimeClientError) {
    guard let colon = endpoint.lastIndex(of: ":"),
      let port = UInt16(endpoint[endpoint.index(after: colon)...]),
      colon > endpoint.startIndex
    else { throw .badEndpoint("expected host:port, got '\(endpoint)'") }
    var host = String(endpoint[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    self.host = host
    self.port = port
    self.hostHeader = endpoint
    requestBuffer.reserveCapacity(4096)
  }

  public convenience init(environment: [String: String]) throws(RuntimeClientError) {
    guard let endpoint = environment["AWS_LAMBDA_RUNTIME_API"], !endpoint.isEmpty else {
      throw .badEndpoint("not set")
    }
    try self.init(endpoint: endpoint)
  }

  /// Blocks until Lambda has an event (no client-side timeout, by design).
  public func next() throws(RuntimeClientError) -> Invocation {
    let response = try exchange(method: .get, path: Self.nextPath, body: [])
    let status = response.statusCode
    guard status == 200 else { throw .status(status, bodyText(response)) }
    let invocation = try Invocation(response: response, knownArn: lastFunctionArn)
    lastFunctionArn = invocation.invokedFunctionArn
    return invocation
  }

  public func postResponse(requestId: String, body: [UInt8]) throws(RuntimeClientError) {
    try post(
      Path(prefix: "/2018-06-01/runtime/invocation/", middle: requestId, suffix: "/response"),
      body: body)
  }

  public func postError(requestId: String, error: FunctionError) throws(RuntimeClientError) {
    try post(
      Path(prefix: "/2018-06-01/runtime/invocation/", middle: requestId, suffix: "/error"),
      body: error.jsonBody, errorType: error.errorType)
  }

  /// Reports a failed start; Lambda then fails the pending invocation and restarts us.
  public func postInitError(_ error: FunctionError) throws(RuntimeClientError) {
    try post(
      Path(prefix: "/2018-06-01/runtime/init/error"), body: error.jsonBody,
      errorType: error.errorType)
  }

  /// Drops the connection (the next call reconnects).
  public func disconnect() {
    socket?.close()
    socket = nil
    reader = nil
  }

  /// A request id goes into a URL path; reject anything that could change the path.
  public static func isSafePathSegment(_ text: String) -> Bool {
    guard text.utf8.count <= 256 else { return false }
    // On the string's contiguous bytes, through a table (every invocation checks its id).
    var text = text
    return text.withUTF8 { bytes in
      safeInPath.withUnsafeBufferPointer { safe in bytes.allSatisfy { safe[Int($0)] } }
    }
  }

  /// Letters, digits, `-`, `_` and `.`, by byte.
  private static let safeInPath: [Bool] = (0...255).map { byte in
    switch UInt8(byte) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."):
      true
    default: false
    }
  }

  private func post(_ path: Path, body: [UInt8], errorType: String? = nil)
    throws(RuntimeClientError)
  {
    let response = try exchange(
      method: .post, path: path, body: body, errorType: errorType, keepingSuccessBody: false)
    let status = response.statusCode
    guard (200..<300).contains(status) else { throw .status(status, bodyText(response)) }
  }

  private func bodyText(_ response: HTTPMessage) -> String {
    String(decoding: response.body.prefix(512), as: UTF8.self)
  }

  private func exchange(
    method: Method, path: Path, body: [UInt8], errorType: String? = nil,
    keepingSuccessBody: Bool = true
  ) throws(RuntimeClientError) -> HTTPMessage {
    buildRequest(method: method, path: path, body: body, errorType: errorType)
    // A reused connection may have been closed by the peer while idle: retry once on a new one.
    let reused = socket != nil
    do {
      return try sendAndReceive(keepingSuccessBody: keepingSuccessBody)
    } catch {
      disconnect()
      guard reused else { throw error }
      return try sendAndReceive(keepingSuccessBody: keepingSuccessBody)
    }
  }

  private func sendAndReceive(keepingSuccessBody: Bool) throws(RuntimeClientError)
    -> HTTPMessage
  {
    let (socket, reader) = try connection()
    do {
      try socket.writeAll(requestBuffer)
    } catch {
      throw .transport(error.description)
    }
    let response: HTTPMessage
    do {
      response = try reader.read(.response, keepingSuccessBody: keepingSuccessBody)
    } catch {
      switch error {
      case .framing(let framing): throw .transport(framing.description)
      case .socket(let socketError): throw .transport(socketError.description)
      }
    }
    if response.closesConnection { disconnect() }
    return response
  }

  private func connection() throws(RuntimeClientError) -> (Socket, HTTPMessageReader) {
    if let socket, let reader { return (socket, reader) }
    do {
      let socket = try Socket.connect(host: host, port: port)
      let reader = HTTPMessageReader(socket: socket)
      self.socket = socket
      self.reader = reader
      return (socket, reader)
    } catch {
      throw .transport(error.description)
    }
  }

  /// Writes the request into the reused buffer as bytes: string interpolation (and
  /// printing the length) cost more than the rest of a warm invocation's request. The
  /// buffer is filled as a local (a class property pays an exclusivity check per append)
  /// from static text where it can.
  private func buildRequest(method: Method, path: Path, body: [UInt8], errorType: String?) {
    var request: [UInt8] = []
    swap(&request, &requestBuffer)
    request.removeAll(keepingCapacity: true)
    request.append(static: method.text)
    request.append(static: " ")
    request.append(static: path.prefix)
    request.append(text: path.middle)
    request.append(static: path.suffix)
    request.append(static: " HTTP/1.1\r\nHost: ")
    request.append(text: hostHeader)
    request.append(static: "\r\n")
    if let errorType {
      request.append(static: "Lambda-Runtime-Function-Error-Type: ")
      request.append(contentsOf: errorType.utf8.filter { $0 != 13 && $0 != 10 })
      request.append(static: "\r\nContent-Type: application/json\r\n")
    }
    if method == .post {
      request.append(static: "Content-Length: ")
      request.append(text: String(body.count))
      request.append(static: "\r\n")
    }
    request.append(static: "\r\n")
    request.append(contentsOf: body)
    swap(&request, &requestBuffer)
  }
}
