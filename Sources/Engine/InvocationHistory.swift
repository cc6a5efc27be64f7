import JSONCore

/// The last N invocations' route, duration and outcome, for `diagnostics`.
public struct InvocationHistory: Sendable {
  public struct Entry: Sendable {
    public let route: String
    public let milliseconds: Double
    public let outcome: String
  }

  public let capacity: Int
  private var entries: [Entry] = []
  private var next = 0

  public init(capacity: Int) { self.capacity = max(1, capacity) }

  mutating func append(route: String, milliseconds: Double, outcome: String) {
    let entry = Entry(route: route, milliseconds: milliseconds, outcome: outcome)
    if entries.count < capacity {
      entries.append(entry)
    } else {
      entries[next] = entry
    }
    next = (next + 1) % capacity
  }

  /// Oldest first.
  public var ordered: [Entry] {
    entries.count < capacity ? entries : Array(entries[next...] + entries[..<next])
  }

  public var json: JSON {
    .array(
      ordered.map {
        [
          "route": .string($0.route), "ms": .number(($0.milliseconds * 1000).rounded() / 1000),
          "outcome": .string($0.outcome),
        ]
      })
  }
}
