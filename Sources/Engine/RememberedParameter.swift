import LambdaRuntime
import Synchronization

/// A Parameter Store value a function keeps relying on (a secret it checks requests
/// against, settings that hide things): read at most once per `PARAMETER_TTL_SECONDS`. A
/// read that fails keeps the last value read and is not tried again for a back-off
/// period (doubling from the range's lower bound to its upper), so an outage, or a burst
/// of requests from strangers, costs one read per period rather than one per event.
public final class RememberedParameter<Value: Sendable>: Sendable {
  /// A read that failed: why, how many in a row, whether a value is still in use, and how
  /// long until the next try.
  public struct Failure {
    public let error: any Error
    public let inARow: Int
    public let keepsValue: Bool
    public let retryInSeconds: Int
  }

  private struct State {
    var known: Value?
    /// Monotonic nanoseconds.
    var freshUntil: UInt64 = 0
    var retryAt: UInt64 = 0
    var backOffSeconds: Int
    var failures = 0
  }
  private let state: Mutex<State>
  private let backOffSeconds: ClosedRange<Int>
  private let timeoutMilliseconds: Int

  public init(backOffSeconds: ClosedRange<Int>, timeoutMilliseconds: Int) {
    self.backOffSeconds = backOffSeconds
    self.timeoutMilliseconds = timeoutMilliseconds
    state = Mutex(State(backOffSeconds: backOffSeconds.lowerBound))
  }

  /// The value to use now, read again when it is due; nil while none was ever read.
  /// `parse` turns the stored text into a value (a throw is a failed read); `missing` is
  /// the value of a parameter that does not exist (nil: that is a failure too).
  public func value(
    named name: String, _ services: Services, missing: Value? = nil,
    parse: (String) throws -> Value, onFailure: (Failure) -> Void
  ) -> Value? {
    let now = Clock.monotonicNanoseconds()
    let (known, due) = state.withLock { state in
      (state.known, (state.known == nil || now >= state.freshUntil) && now >= state.retryAt)
    }
    guard due else { return known }
    let read: Value
    do {
      read = try parse(
        services.parameterStore.value(named: name, timeoutMilliseconds: timeoutMilliseconds))
    } catch {
      let isMissing = (error as? ParameterStore.Failure)?.isParameterNotFound == true
      guard isMissing, let missing else {
        onFailure(failed(error))
        return known
      }
      read = missing
    }
    let ttl = UInt64(max(0, services.config.parameterTTLSeconds) * 1e9)
    state.withLock { state in
      state = State(
        known: read, freshUntil: Clock.monotonicNanoseconds() + ttl,
        backOffSeconds: backOffSeconds.lowerBound)
    }
    return read
  }

  /// Records a failed read: the next try waits out the back-off, which then doubles.
  private func failed(_ error: any Error) -> Failure {
    state.withLock { state in
      state.failures += 1
      let seconds = state.backOffSeconds
      state.retryAt = Clock.monotonicNanoseconds() + UInt64(seconds) * 1_000_000_000
      state.backOffSeconds = min(seconds * 2, backOffSeconds.upperBound)
      return Failure(
        error: error, inARow: state.failures, keepsValue: state.known != nil,
        retryInSeconds: seconds)
    }
  }
}
