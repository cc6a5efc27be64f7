import CCurl
import LambdaRuntime
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// An outbound HTTP(S) request.
public struct HTTPRequest: Sendable {
  public var method: String
  public var url: String
  public var headers: [(String, String)]
  public var body: [UInt8]
  /// Signs the request with AWS Signature Version 4 (see `AWSSigning`).
  public var signing: AWSSigning?
  /// How the peer's certificate is checked: the system's CA store unless this request's
  /// upstream was configured otherwise (an upstream's settings never reach AWS calls).
  public var tls: TLSSettings

  public init(
    method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8] = [],
    signing: AWSSigning? = nil, tls: TLSSettings = .system
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.signing = signing
    self.tls = tls
  }

  public var isIdempotent: Bool { ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method) }
}

/// Certificate checking for one request.
public struct TLSSettings: Sendable, Equatable {
  public var verify: Bool
  /// A PEM bundle to trust instead of the system's.
  public var caBundlePath: String?

  public init(verify: Bool = true, caBundlePath: String? = nil) {
    self.verify = verify
    self.caBundlePath = caBundlePath
  }

  /// Verification on, against the system's CA store.
  public static let system = TLSSettings()
}

public struct HTTPResponse: Sendable {
  public let status: Int
  public let body: [UInt8]
  public let milliseconds: Double
}

/// The http service: libcurl, loaded with `dlopen` on first use, one easy handle reused
/// so the connection (and TLS session) to the upstream survives across warm invocations.
///
/// The handle is used by one thread at a time: the init-time pre-connect runs on a
/// background thread, and an event that arrives meanwhile waits for it only as long as
/// its own timeout allows (the wait is taken from that timeout, never added to it).
public final class HTTPClient: Sendable {
  public let userAgent: String
  private let libraryPath: String?
  private let handle = Mutex(HandleSlot())

  /// The easy handle and whether a thread is using it.
  private struct HandleSlot: ~Copyable {
    var pointer: EasyHandle?
    var busy = false
  }

  public init(userAgent: String, libraryPath: String? = nil) {
    self.userAgent = userAgent
    self.libraryPath = libraryPath
  }

  deinit {
    handle.withLock { slot in
      if let easy = slot.pointer { lee_curl_easy_cleanup(easy.raw) }
    }
  }

  /// How long the init-time pre-connect may take in all: it only warms the connection,
  /// so it never holds the handle for long.
  public static let preconnectBoundMilliseconds = 1500

  /// Loads libcurl and opens the connection to `request`'s server on a background thread
  /// during init, so the first event finds both ready; if that event comes first, it
  /// waits for the connection being opened rather than opening a second one, within its
  /// own budget.
  public func preconnectInBackground(_ request: HTTPRequest) {
    BackgroundThread.run { [self] in
      _ = try? send(
        request, timeoutMilliseconds: HTTPClient.preconnectBoundMilliseconds,
        connectTimeoutMilliseconds: 1000)
    }
  }

  /// Starts loading libcurl on a background thread, so the first upstream call does not
  /// wait for the ~7 ms `dlopen`; a later `send` simply finds it loaded (or waits for it).
  public static func startLoadingInBackground() {
    BackgroundThread.run {
      var message = [CChar](repeating: 0, count: 256)
      _ = lee_curl_load(nil, &message, message.count)
    }
  }

  /// The system's CA bundle, wherever this distribution keeps it: a bundled libcurl and
  /// OpenSSL do not know Amazon Linux's path (nil: libcurl's own default).
  static let systemCABundle: String? = [
    "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem",
  ].first { access($0, R_OK) == 0 }

  /// Loads libcurl now; throws `.unavailable` with the loader's reason.
  public func load() throws(HTTPClientError) {
    var message = [CChar](repeating: 0, count: 256)
    guard lee_curl_load(libraryPath, &message, message.count) == 0 else {
      throw .unavailable(
        String(
          decoding: message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      )
    }
  }

  public var libraryVersion: String { String(cString: lee_curl_version()) }

  /// Where libcurl and the TLS library it uses were loaded from (the zip's `lib/`, or the
  /// system's), for diagnostics.
  public var libraryPaths: [(String, String)] {
    ["libcurl.so.4", "libssl.so.3", "libcrypto.so.3", "libz.so.1"].compactMap { soname in
      lee_loaded_library_path(soname).map { (soname, String(cString: $0)) }
    }
  }

  /// Sends `request` within `timeoutMilliseconds` (connect within `connectTimeoutMilliseconds`);
  /// idempotent requests are retried once after a connection-level failure if time allows.
  public func send(
    _ request: HTTPRequest, timeoutMilliseconds: Int, connectTimeoutMilliseconds: Int? = nil
  ) throws(HTTPClientError) -> HTTPResponse {
    guard timeoutMilliseconds >= 50 else { throw .budgetExhausted }
    let started = Clock.monotonicNanoseconds()
    do {
      return try perform(
        request, timeout: timeoutMilliseconds, connectTimeout: connectTimeoutMilliseconds)
    } catch {
      let spent = Int((Clock.monotonicNanoseconds() - started) / 1_000_000)
      let left = timeoutMilliseconds - spent - 50
      guard request.isIdempotent, error.isConnectionLevel, left >= 100 else { throw error }
      Clock.sleep(milliseconds: 50)
      return try perform(
        request, timeout: left, connectTimeout: connectTimeoutMilliseconds.map { min($0, left) })
    }
  }

  /// Waits (within `timeout`) for the handle, then sends on it with what time is left.
  private func perform(_ request: HTTPRequest, timeout: Int, connectTimeout: Int?)
    throws(HTTPClientError) -> HTTPResponse
  {
    let deadline = Clock.monotonicNanoseconds() + UInt64(max(0, timeout)) * 1_000_000
    try acquireHandle(until: deadline)
    defer { handle.withLock { $0.busy = false } }
    let now = Clock.monotonicNanoseconds()
    let left = now < deadline ? Int((deadline - now) / 1_000_000) : 0
    guard left >= 50 else {
      throw .timeout("the connection was busy (pre-connect) until this call's deadline")
    }
    return try performLocked(
      request, timeout: left, connectTimeout: connectTimeout.map { min($0, left) })
  }

  /// Takes the handle for this thread, polling while another holds it, until `deadline`.
  private func acquireHandle(until deadline: UInt64) throws(HTTPClientError) {
    while true {
      let taken = handle.withLock { slot in
        guard !slot.busy else { return false }
        slot.busy = true
        return true
      }
      if taken { return }
      guard Clock.monotonicNanoseconds() < deadline else {
        throw .timeout("the connection was busy (pre-connect) until this call's deadline")
      }
      usleep(500)
    }
  }

  /// The easy handle, made on first use; called only by the thread that holds it.
  private func easyHandle() throws(HTTPClientError) -> UnsafeMutableRawPointer {
    if let existing = handle.withLock({ $0.pointer }) { return existing.raw }
    guard let made = lee_curl_easy_init() else { throw .unavailable("curl_easy_init failed") }
    handle.withLock { $0.pointer = EasyHandle(raw: made) }
    return made
  }

  private func performLocked(_ request: HTTPRequest, timeout: Int, connectTimeout: Int?)
    throws(HTTPClientError)
    -> HTTPResponse
  {
    try load()
    let curl = try easyHandle()
    lee_curl_easy_reset(curl)  // keeps the connection cache
    let request = request.signing.map { $0.signed(request) } ?? request
    let sink = ResponseSink()
    let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
    var headerList: UnsafeMutablePointer<curl_slist>?
    defer { lee_curl_slist_free_all(headerList) }
    for (name, value) in request.headers {
      headerList = lee_curl_slist_append(headerList, "\(name): \(value)")
    }
    if request.method == "POST" || request.method == "PUT" {
      headerList = lee_curl_slist_append(headerList, "Expect:")  // no 100-continue round trip
    }
    // libcurl copies string options when they are set; only the body must outlive perform.
    func set(_ option: CURLoption, _ text: String) {
      _ = text.withCString { lee_curl_setopt_pointer(curl, option, $0) }
    }
    set(CURLOPT_URL, request.url)
    set(CURLOPT_USERAGENT, userAgent)
    _ = lee_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
    _ = lee_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, timeout)
    _ = lee_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, connectTimeout ?? min(timeout, 3000))
    // Per request: libcurl reuses a cached connection only when these settings match.
    _ = lee_curl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, request.tls.verify ? 1 : 0)
    _ = lee_curl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, request.tls.verify ? 2 : 0)
    if let bundle = request.tls.caBundlePath ?? Self.systemCABundle { set(CURLOPT_CAINFO, bundle) }
    _ = lee_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0)
    _ = lee_curl_setopt_long(curl, CURLOPT_TCP_KEEPALIVE, 1)
    _ = lee_curl_setopt_pointer(curl, CURLOPT_HTTPHEADER, headerList)
    _ = lee_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, sinkPointer)
    _ = lee_curl_setopt_pointer(
      curl, CURLOPT_WRITEFUNCTION, unsafeBitCast(writeBody, to: UnsafeRawPointer.self))
    if request.method == "GET" {
      _ = lee_curl_setopt_long(curl, CURLOPT_HTTPGET, 1)
    } else {
      set(CURLOPT_CUSTOMREQUEST, request.method)
    }
    let started = Clock.monotonicNanoseconds()
    let code = request.body.withUnsafeBytes { body in
      if request.method != "GET" && (request.method != "HEAD" || !request.body.isEmpty) {
        // A null POSTFIELDS would make libcurl read the body from stdin: point at a byte.
        _ = lee_curl_setopt_long(curl, CURLOPT_POSTFIELDSIZE, body.count)
        _ = lee_curl_setopt_pointer(
          curl, CURLOPT_POSTFIELDS, body.baseAddress ?? UnsafeRawPointer(emptyBody))
      }
      return lee_curl_easy_perform(curl)
    }
    let milliseconds = Double(Clock.monotonicNanoseconds() - started) / 1e6
    guard code == CURLE_OK else { throw Self.error(for: code) }
    var status = 0
    _ = lee_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
    return HTTPResponse(status: status, body: sink.bytes, milliseconds: milliseconds)
  }

  private static func error(for code: CURLcode) -> HTTPClientError {
    let reason = String(cString: lee_curl_easy_strerror(code))
    switch code {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns(reason)
    case CURLE_COULDNT_CONNECT: return .connect(reason)
    case CURLE_OPERATION_TIMEDOUT: return .timeout(reason)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
      CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND:
      return .tls(reason)
    default: return .transport(reason)
    }
  }
}

/// The body libcurl is pointed at for a request without one (never written to).
nonisolated(unsafe) private let emptyBody = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

/// libcurl's easy handle, owned by `HTTPClient` and used by one thread at a time (the
/// `busy` flag in its slot, under the slot's lock, says which). Unchecked because the
/// pointer leaves the lock while its thread holds the flag: the pre-connect thread and
/// the runtime loop's really are two threads.
private struct EasyHandle: @unchecked Sendable {
  let raw: UnsafeMutableRawPointer
}

/// Collects the response body for libcurl's write callback.
private final class ResponseSink {
  var bytes: [UInt8] = []
  let limit = 16 * 1024 * 1024
}

private let writeBody:
  @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let total = size * count
    guard sink.bytes.count + total <= sink.limit else { return 0 }  // aborts an oversized body
    data.withMemoryRebound(to: UInt8.self, capacity: total) {
      sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: total))
    }
    return total
  }
