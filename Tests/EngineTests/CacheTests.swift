import Engine
import Testing

/// A hand-driven clock for TTL and cool-down tests.
final class ManualClock: @unchecked Sendable {
  var nanoseconds: UInt64 = 1_000_000_000
  func advance(seconds: Double) { nanoseconds += UInt64(seconds * 1e9) }
  var reader: @Sendable () -> UInt64 { { self.nanoseconds } }
}

@Suite struct CacheTests {
  @Test func evictsTheLeastRecentlyUsedEntryWhenFull() {
    let cache = Cache(maximumEntries: 2)
    cache.set("a", for: "a", bytes: 1)
    cache.set("b", for: "b", bytes: 1)
    #expect(cache.value(for: "a", as: String.self) == "a")  // a is now the newest
    cache.set("c", for: "c", bytes: 1)
    #expect(cache.value(for: "b", as: String.self) == nil)
    #expect(cache.value(for: "a", as: String.self) == "a")
    #expect(cache.value(for: "c", as: String.self) == "c")
    #expect(cache.statistics.evictions == 1)
  }

  @Test func respectsTheByteBound() {
    let cache = Cache(maximumEntries: 100, maximumBytes: 100)
    cache.set(1, for: "x", bytes: 60)
    cache.set(2, for: "y", bytes: 60)
    #expect(cache.count == 1 && cache.bytes == 60)
    #expect(cache.value(for: "y", as: Int.self) == 2)
    cache.set(3, for: "huge", bytes: 101)
    #expect(cache.value(for: "huge", as: Int.self) == nil, "larger than the whole cache: not kept")
  }

  @Test func expiresAfterItsTimeToLive() {
    let clock = ManualClock()
    let cache = Cache(defaultTTLSeconds: 10, now: clock.reader)
    cache.set("v", for: "k", bytes: 1)
    cache.set("w", for: "short", bytes: 1, ttlSeconds: 1)
    clock.advance(seconds: 2)
    #expect(cache.value(for: "short", as: String.self) == nil)
    #expect(cache.value(for: "k", as: String.self) == "v")
    clock.advance(seconds: 9)
    #expect(cache.value(for: "k", as: String.self) == nil)
    #expect(cache.statistics.expirations == 2)
    #expect(cache.count == 0 && cache.bytes == 0)
  }

  @Test func countsHitsAndMissesAndReplacesValues() {
    let cache = Cache()
    #expect(cache.value(for: "k", as: Int.self) == nil)
    cache.set(1, for: "k", bytes: 10)
    cache.set(2, for: "k", bytes: 20)
    #expect(cache.value(for: "k", as: Int.self) == 2)
    #expect(cache.bytes == 20)
    #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
  }
}

@Suite struct CircuitBreakerTests {
  @Test func opensAfterConsecutiveFailuresAndProbesAfterTheCooldown() {
    let clock = ManualClock()
    let breaker = CircuitBreaker(
      name: "ha", failureThreshold: 3, cooldownSeconds: 10, now: clock.reader)
    breaker.recordFailure()
    breaker.recordFailure()
    breaker.recordSuccess()  // a success resets the count
    for _ in 0..<3 {
      #expect(breaker.permit())
      breaker.recordFailure()
    }
    #expect(breaker.state == .open && breaker.opens == 1)
    #expect(!breaker.permit())
    clock.advance(seconds: 10)
    #expect(breaker.permit(), "one probe after the cool-down")
    #expect(breaker.state == .halfOpen)
    #expect(!breaker.permit(), "only one probe at a time")
    breaker.recordSuccess()
    #expect(breaker.state == .closed && breaker.permit())
  }

  @Test func aFailedProbeOpensItAgain() {
    let clock = ManualClock()
    let breaker = CircuitBreaker(
      name: "ha", failureThreshold: 1, cooldownSeconds: 5, now: clock.reader)
    breaker.recordFailure()
    clock.advance(seconds: 5)
    #expect(breaker.permit())
    breaker.recordFailure()
    #expect(breaker.state == .open && breaker.opens == 2)
    #expect(breaker.retryAfterSeconds == 5)
    #expect(breaker.refusals == 0)
    #expect(!breaker.permit())
    #expect(breaker.refusals == 1)
  }
}
