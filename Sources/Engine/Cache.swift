import LambdaRuntime

/// An LRU cache bounded in entries and bytes, with a time to live and hit/miss counters.
///
/// Warm Lambda invocations share the process, so a cached upstream answer saves a
/// round trip. Entries are evicted least-recently-used first when either bound is hit.
public final class Cache {
  public struct Statistics: Sendable, Equatable {
    public var hits = 0
    public var misses = 0
    public var evictions = 0
    public var expirations = 0
  }

  private final class Node {
    let key: String
    var value: any Sendable
    var cost: Int
    var expiresAt: UInt64
    var newer: Node?
    weak var older: Node?
    init(key: String, value: any Sendable, cost: Int, expiresAt: UInt64) {
      self.key = key
      self.value = value
      self.cost = cost
      self.expiresAt = expiresAt
    }
  }

  public let maximumEntries: Int
  public let maximumBytes: Int
  public let defaultTTLNanoseconds: UInt64
  private let now: @Sendable () -> UInt64
  private var nodes: [String: Node] = [:]
  private var oldest: Node?
  private var newest: Node?
  public private(set) var bytes = 0
  public private(set) var statistics = Statistics()

  public init(
    maximumEntries: Int = 256, maximumBytes: Int = 2 * 1024 * 1024, defaultTTLSeconds: Double = 30,
    now: @escaping @Sendable () -> UInt64 = Clock.monotonicNanoseconds
  ) {
    self.maximumEntries = max(1, maximumEntries)
    self.maximumBytes = max(1, maximumBytes)
    defaultTTLNanoseconds = UInt64(max(0, defaultTTLSeconds) * 1e9)
    self.now = now
  }

  public var count: Int { nodes.count }

  /// The live value for `key`, refreshed as most recently used; nil when absent or expired.
  public func value<T>(for key: String, as _: T.Type = T.self) -> T? {
    guard let node = nodes[key] else {
      statistics.misses += 1
      return nil
    }
    guard node.expiresAt > now() else {
      remove(node)
      statistics.expirations += 1
      statistics.misses += 1
      return nil
    }
    guard let value = node.value as? T else {
      statistics.misses += 1
      return nil
    }
    moveToNewest(node)
    statistics.hits += 1
    return value
  }

  /// Stores `value`, costing `bytes` toward the byte bound; too large a value is not kept.
  public func set(
    _ value: any Sendable, for key: String, bytes cost: Int, ttlSeconds: Double? = nil
  ) {
    if let existing = nodes[key] { remove(existing) }
    guard cost <= maximumBytes else { return }
    let ttl = ttlSeconds.map { UInt64(max(0, $0) * 1e9) } ?? defaultTTLNanoseconds
    let node = Node(key: key, value: value, cost: cost, expiresAt: now() + ttl)
    nodes[key] = node
    bytes += cost
    appendNewest(node)
    while nodes.count > maximumEntries || bytes > maximumBytes, let victim = oldest {
      remove(victim)
      statistics.evictions += 1
    }
  }

  private func appendNewest(_ node: Node) {
    node.older = newest
    node.newer = nil
    newest?.newer = node
    newest = node
    if oldest == nil { oldest = node }
  }

  private func unlink(_ node: Node) {
    if let older = node.older { older.newer = node.newer } else { oldest = node.newer }
    if let newer = node.newer { newer.older = node.older } else { newest = node.older }
    node.older = nil
    node.newer = nil
  }

  private func moveToNewest(_ node: Node) {
    guard newest !== node else { return }
    unlink(node)
    appendNewest(node)
  }

  private func remove(_ node: Node) {
    unlink(node)
    nodes[node.key] = nil
    bytes -= node.cost
  }
}
