#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Exposes the invocation's trace id as `_X_AMZN_TRACE_ID` without leaking memory.
///
/// glibc's `setenv` keeps every distinct value it was ever given (so pointers handed out by
/// `getenv` stay valid); a new trace id per invocation grew RSS by ~100 bytes per event.
/// Instead one buffer is placed in `environ` with `putenv` (no copy) and rewritten in place.
/// The environment is process-wide, so there is one instance; the runtime loop's thread
/// is its only writer.
public final class TraceIdEnvironment: @unchecked Sendable {
  public static let shared = TraceIdEnvironment()
  public static let name = "_X_AMZN_TRACE_ID"
  private let capacity = 1024
  private let buffer: UnsafeMutablePointer<CChar>
  private var installed = false

  /// Bytes of `NAME=` at the start of the buffer, written once.
  private let prefixLength: Int

  private init() {
    let storage = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    storage.initialize(repeating: 0, count: capacity)
    let prefix = Array("\(Self.name)=".utf8CString.dropLast())
    prefix.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: $0.count) }
    buffer = storage
    prefixLength = prefix.count
  }

  /// Sets the variable for this invocation, or removes it when Lambda sent no trace id.
  public func set(_ traceId: String?) {
    guard let traceId else {
      if installed {
        unsetenv(Self.name)
        installed = false
      }
      return
    }
    var end = prefixLength
    for byte in traceId.utf8 where end < capacity - 1 {
      buffer[end] = CChar(bitPattern: byte)
      end += 1
    }
    buffer[end] = 0
    if !installed {
      putenv(buffer)
      installed = true
    }
  }
}
