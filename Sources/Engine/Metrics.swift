import JSONCore
import LambdaRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// CloudWatch Embedded Metric Format: one line per invocation on stdout, at most ten
/// metric names in all (free-tier friendly), one low-cardinality dimension (the family).
public final class Metrics {
  public enum Name: String, CaseIterable, Sendable {
    case duration = "Duration"
    case upstreamLatency = "UpstreamLatency"
    case upstreamCalls = "UpstreamCalls"
    case errors = "Errors"
    case coldStart = "ColdStart"
    case cacheHits = "CacheHits"
    case cacheMisses = "CacheMisses"
    case breakerOpen = "BreakerOpen"

    var unit: String { isMilliseconds ? "Milliseconds" : "Count" }

    /// Durations, reported to the microsecond (thousandths of their milliseconds).
    var isMilliseconds: Bool { self == .duration || self == .upstreamLatency }
  }

  /// `value` of `name` as the record reports it.
  static func reported(_ value: Double, _ name: Name) -> Double {
    name.isMilliseconds ? (value * 1000).rounded() / 1000 : value
  }

  public static let namespace = "LEE"
  private let functionName: String
  private let descriptor: Int32
  /// Every name once, in slot order (`allCases` builds a new array each time it is read).
  private static let names = Name.allCases
  /// One slot per name, in `names` order; nil: not recorded this invocation.
  private var values = [Double?](repeating: nil, count: names.count)
  /// The record's fixed middle for each set of names recorded (a bit per name), written
  /// once: from `,"CloudWatchMetrics"` to the `Family` key.
  private var middles: [Int: [UInt8]] = [:]

  public init(functionName: String, descriptor: Int32 = 1) {
    self.functionName = functionName
    self.descriptor = descriptor
  }

  private static func slot(_ name: Name) -> Int {
    names.firstIndex(of: name) ?? 0
  }

  public func add(_ name: Name, _ value: Double = 1) {
    let slot = Self.slot(name)
    values[slot] = (values[slot] ?? 0) + value
  }

  public func value(_ name: Name) -> Double? { values[Self.slot(name)] }

  private var recorded: [Name] {
    Self.names.indices.filter { values[$0] != nil }.map { Self.names[$0] }
  }

  /// The EMF record for the values gathered since the last flush.
  public func record(family: String, route: String, timestampMilliseconds: Int64) -> JSON {
    let names = recorded
    var root = JSONObject()
    root.appendUnique(
      "_aws",
      [
        "Timestamp": .number(Double(timestampMilliseconds)),
        "CloudWatchMetrics": Self.directive(names),
      ])
    root.appendUnique("FunctionName", .string(functionName))
    root.appendUnique("Family", .string(family))
    root.appendUnique("Route", .string(route))
    for name in names {
      root.appendUnique(name.rawValue, .number(Self.reported(value(name) ?? 0, name)))
    }
    return .object(root)
  }

  private static func directive(_ names: [Name]) -> JSON {
    [
      [
        "Namespace": .string(namespace), "Dimensions": [["FunctionName", "Family"]],
        "Metrics": .array(names.map { ["Name": .string($0.rawValue), "Unit": .string($0.unit)] }),
      ]
    ]
  }

  /// The record as one line of bytes, exactly as `JSONWriter` writes `record` (a test
  /// keeps them equal), without building the tree: it ran on every invocation and was a
  /// fifth of a warm ping's instructions. Everything between the timestamp and the values
  /// is the same while the route and the names recorded are: it is kept from the last line.
  public func line(family: String, route: String, timestampMilliseconds: Int64) -> [UInt8] {
    var line: [UInt8] = []
    line.reserveCapacity(384)
    line.append(static: #"{"_aws":{"Timestamp":"#)
    JSONWriter.appendNumber(Double(timestampMilliseconds), to: &line)
    line.append(contentsOf: shape(family: family, route: route))
    for (slot, name) in Self.names.enumerated() {
      guard let value = values[slot] else { continue }
      line.append(static: #",""#)
      line.append(text: name.rawValue)
      line.append(static: #"":"#)
      if name.isMilliseconds {
        JSONWriter.appendThousandths(value, to: &line)
      } else {
        JSONWriter.appendNumber(value, to: &line)
      }
    }
    line.append(static: "}\n")
    return line
  }

  /// The line from `,"CloudWatchMetrics"` to the route's name, for the names recorded now.
  private var lastShape: (names: Int, family: String, route: String, bytes: [UInt8])?

  private func shape(family: String, route: String) -> [UInt8] {
    let names = values.indices.reduce(0) { values[$1] == nil ? $0 : $0 | 1 << $1 }
    if let last = lastShape, last.names == names, last.route == route, last.family == family {
      return last.bytes
    }
    var bytes = middle(names)
    JSONWriter.appendQuoted(family, to: &bytes)
    bytes.append(static: #","Route":"#)
    JSONWriter.appendQuoted(route, to: &bytes)
    lastShape = (names, family, route, bytes)
    return bytes
  }

  private func middle(_ key: Int) -> [UInt8] {
    if let known = middles[key] { return known }
    var middle = Array(#","CloudWatchMetrics":"#.utf8)
    middle += JSONWriter().bytes(Self.directive(recorded))
    middle += Array(#"},"FunctionName":"#.utf8)
    JSONWriter.appendQuoted(functionName, to: &middle)
    middle += Array(#","Family":"#.utf8)
    middles[key] = middle
    return middle
  }

  /// Writes the record as one line and starts the next invocation's values.
  public func flush(family: String, route: String) {
    let line = line(family: family, route: route, timestampMilliseconds: Clock.wallMilliseconds())
    for slot in values.indices { values[slot] = nil }
    _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
