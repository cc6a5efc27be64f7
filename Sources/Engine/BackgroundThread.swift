#if canImport(Glibc)
  import Glibc
#endif

/// Work that runs beside an event on a detached thread: a call that must not delay the
/// event's own reply. The work reports back through state it shares (a `Mutex`), never
/// through the event's services, which belong to the event's thread.
public enum BackgroundThread {
  private final class Work: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Starts `work` on a new detached thread; false (and `work` never runs) if the system
  /// could not start one.
  @discardableResult
  public static func run(_ work: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(Work(work))
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
        return nil
      }, box.toOpaque())
    guard started == 0 else {
      box.release()
      return false
    }
    pthread_detach(thread)
    return true
  }
}
