import Synchronization

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
/// The environment is process-wide, so there is one instance, and its buffer is only
/// touched under its lock (the runtime loop is the writer; tests may run side by side).
public final class TraceIdEnvironment: Sendable {
  public static let shared = TraceIdEnvironment()
  public static let name = "_X_AMZN_TRACE_ID"
  private static let capacity = 1024

  /// The buffer placed in `environ`, and whether it is there.
  private struct Storage: ~Copyable {
    let buffer: UnsafeMutablePointer<CChar>
    /// Bytes of `NAME=` at the start of the buffer, written once.
    let prefixLength: Int
    var installed = false
  }
  private let storage: Mutex<Storage>

  private init() {
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.capacity)
    buffer.initialize(repeating: 0, count: Self.capacity)
    let prefix = Array("\(Self.name)=".utf8CString.dropLast())
    for (index, byte) in prefix.enumerated() { buffer[index] = byte }
    storage = Mutex(Storage(buffer: buffer, prefixLength: prefix.count))
  }

  /// Sets the variable for this invocation, or removes it when Lambda sent no trace id.
  public func set(_ traceId: String?) {
    storage.withLock { storage in
      guard let traceId else {
        if storage.installed {
          unsetenv(Self.name)
          storage.installed = false
        }
        return
      }
      let room = Self.capacity - 1 - storage.prefixLength
      let target = storage.buffer + storage.prefixLength
      var text = traceId
      let copied = text.withUTF8 { bytes in
        let count = min(bytes.count, room)
        if let source = bytes.baseAddress { memcpy(target, source, count) }
        return count
      }
      target[copied] = 0
      if !storage.installed {
        putenv(storage.buffer)
        storage.installed = true
      }
    }
  }
}
