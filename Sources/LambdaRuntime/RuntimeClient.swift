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

  private static let basePath = "/2018-06-01/runtime"

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
    let response = try exchange(method: "GET", path: "\(Self.basePath)/invocation/next", body: [])
    guard response.statusCode == 200 else { throw .status(response.statusCode, bodyText(response)) }
    return try Invocation(response: response)
  }

  public func postResponse(requestId: String, body: [UInt8]) throws(RuntimeClientError) {
    try post("\(Self.basePath)/invocation/\(requestId)/response", body: body)
  }

  public func postError(requestId: String, error: FunctionError) throws(RuntimeClientError) {
    try post(
      "\(Self.basePath)/invocation/\(requestId)/error", body: error.jsonBody,
      errorType: error.errorType)
  }

  /// Reports a failed start; Lambda then fails the pending invocation and restarts us.
  public func postInitError(_ error: FunctionError) throws(RuntimeClientError) {
    try post("\(Self.basePath)/init/error", body: error.jsonBody, errorType: error.errorType)
  }

  /// Drops the connection (the next call reconnects).
  public func disconnect() {
    socket?.close()
    socket = nil
    reader = nil
  }

  /// A request id goes into a URL path; reject anything that could change the path.
  static func isSafePathSegment(_ text: String) -> Bool {
    text.utf8.count <= 256
      && text.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
          UInt8(ascii: "."):
          true
        default: false
        }
      }
  }

  private func post(_ path: String, body: [UInt8], errorType: String? = nil)
    throws(RuntimeClientError)
  {
    let response = try exchange(method: "POST", path: path, body: body, errorType: errorType)
    guard (200..<300).contains(response.statusCode) else {
      throw .status(response.statusCode, bodyText(response))
    }
  }

  private func bodyText(_ response: HTTPMessage) -> String {
    String(decoding: response.body.prefix(512), as: UTF8.self)
  }

  private func exchange(
    method: String, path: String, body: [UInt8], errorType: String? = nil
  ) throws(RuntimeClientError) -> HTTPMessage {
    buildRequest(method: method, path: path, body: body, errorType: errorType)
    // A reused connection may have been closed by the peer while idle: retry once on a new one.
    let reused = socket != nil
    do {
      return try sendAndReceive()
    } catch {
      disconnect()
      guard reused else { throw error }
      return try sendAndReceive()
    }
  }

  private func sendAndReceive() throws(RuntimeClientError) -> HTTPMessage {
    let (socket, reader) = try connection()
    do {
      try socket.writeAll([requestBuffer])
    } catch {
      throw .transport(error.description)
    }
    let response: HTTPMessage
    do {
      response = try reader.read(.response)
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

  private func buildRequest(method: String, path: String, body: [UInt8], errorType: String?) {
    requestBuffer.removeAll(keepingCapacity: true)
    var head = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
    if let errorType {
      head +=
        "Lambda-Runtime-Function-Error-Type: \(errorType.filter { $0 != "\r" && $0 != "\n" })\r\n"
      head += "Content-Type: application/json\r\n"
    }
    if method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    requestBuffer.append(contentsOf: head.utf8)
    requestBuffer.append(contentsOf: body)
  }
}
