import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call, with the call's name and `errno`.
public struct SocketError: Error, Sendable, CustomStringConvertible {
  public let operation: String
  public let code: Int32

  public init(_ operation: String, code: Int32 = errno) {
    self.operation = operation
    self.code = code
  }

  public var description: String { "\(operation): \(String(cString: strerror(code)))" }

  /// The peer is gone or refused: worth one reconnect.
  public var isConnectionLevel: Bool {
    [ECONNREFUSED, ECONNRESET, EPIPE, ENOTCONN, ECONNABORTED, ETIMEDOUT].contains(code)
  }
}

/// A blocking TCP socket: one file descriptor, closed on deinit.
///
/// Blocking I/O on the caller's thread is the whole concurrency model of the runtime
/// loop: Lambda sends one event at a time, so no event loop or extra thread is needed.
/// `shutdown()` may be called from another thread (to unblock a reader), so the
/// descriptor is read and retired under a lock.
public final class Socket: Sendable {
  private let state: Mutex<Int32>

  /// The file descriptor; -1 once closed.
  public var descriptor: Int32 { state.withLock { $0 } }

  public init(descriptor: Int32) { state = Mutex(descriptor) }

  deinit { close() }

  public func close() {
    state.withLock { descriptor in
      if descriptor >= 0 {
        _ = Glibc.close(descriptor)
        descriptor = -1
      }
    }
  }

  /// Connects to `host:port` (a name or an address), with Nagle off.
  public static func connect(host: String, port: UInt16) throws(SocketError) -> Socket {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      throw SocketError("getaddrinfo(\(host))", code: status == EAI_SYSTEM ? errno : EHOSTUNREACH)
    }
    defer { freeaddrinfo(list) }
    var lastError = SocketError("connect", code: ECONNREFUSED)
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
      candidate = info.pointee.ai_next
      let fd = socket(
        info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
      guard fd >= 0 else {
        lastError = SocketError("socket")
        continue
      }
      var result: Int32
      repeat {
        result = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
      } while result != 0
        && errno == EINTR
      if result == 0 {
        let socket = Socket(descriptor: fd)
        socket.setNoDelay()
        return socket
      }
      lastError = SocketError("connect to \(host):\(port)")
      _ = Glibc.close(fd)
    }
    throw lastError
  }

  /// Listens on `127.0.0.1:port` (0 picks a free port; see `localPort`).
  public static func listen(port: UInt16, backlog: Int32 = 64) throws(SocketError) -> Socket {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SocketError("socket") }
    let socket = Socket(descriptor: fd)
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw SocketError("bind 127.0.0.1:\(port)") }
    guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen") }
    return socket
  }

  /// The port this socket is bound to.
  public var localPort: UInt16 {
    var address = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
  }

  /// Waits for the next connection; nil once the listening socket is closed.
  public func accept() -> Socket? {
    while descriptor >= 0 {
      let fd = Glibc.accept(descriptor, nil, nil)
      if fd >= 0 {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let socket = Socket(descriptor: fd)
        socket.setNoDelay()
        return socket
      }
      if errno == EINTR || errno == ECONNABORTED { continue }
      return nil
    }
    return nil
  }

  /// Stops a blocked `accept` or `read` on another thread without racing the descriptor.
  public func shutdown() {
    state.withLock { descriptor in
      if descriptor >= 0 { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
    }
  }

  private func setNoDelay() {
    var one: Int32 = 1
    setsockopt(
      descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  /// Reads what is available into `buffer`; 0 means the peer closed the connection.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int {
    while true {
      let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw SocketError("recv")
    }
  }

  /// Sends every byte of `part`.
  public func writeAll(_ part: [UInt8]) throws(SocketError) {
    var offset = 0
    while offset < part.count {
      let sent = part.withUnsafeBytes {
        send(descriptor, $0.baseAddress! + offset, part.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 {
        if errno == EINTR { continue }
        throw SocketError("send")
      }
      offset += sent
    }
  }
}
