/// How long the runtime keeps trying a failing Runtime API before giving up.
public struct RetryPolicy: Sendable {
  /// Pauses between attempts; one attempt more than there are pauses.
  public var pausesMilliseconds: [Int]

  public init(pausesMilliseconds: [Int]) { self.pausesMilliseconds = pausesMilliseconds }

  /// About 0.9 s in all: long enough for a hiccup, short enough that Lambda restarts us soon.
  public static let standard = RetryPolicy(pausesMilliseconds: [10, 40, 100, 250, 500])

  /// Runs `operation`, retrying transient failures; the last failure is rethrown.
  public func run<T>(
    _ operation: () throws(RuntimeClientError) -> T,
    onRetry: (RuntimeClientError, Int) -> Void = { _, _ in }
  ) throws(RuntimeClientError) -> T {
    var attempt = 0
    while true {
      do {
        return try operation()
      } catch {
        guard error.isTransient, attempt < pausesMilliseconds.count else { throw error }
        onRetry(error, attempt + 1)
        Clock.sleep(milliseconds: pausesMilliseconds[attempt])
        attempt += 1
      }
    }
  }
}
