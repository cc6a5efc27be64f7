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

    var unit: String {
      switch self {
      case .duration, .upstreamLatency: "Milliseconds"
      default: "Count"
      }
    }
  }

  public static let namespace = "LEE"
  private let functionName: String
  private let descriptor: Int32
  private var values: [Name: Double] = [:]

  public init(functionName: String, descriptor: Int32 = 1) {
    self.functionName = functionName
    self.descriptor = descriptor
  }

  public func add(_ name: Name, _ value: Double = 1) { values[name, default: 0] += value }

  public func value(_ name: Name) -> Double? { values[name] }

  /// The EMF record for the values gathered since the last flush.
  public func record(family: String, route: String, timestampMilliseconds: Int64) -> JSON {
    let names = Name.allCases.filter { values[$0] != nil }
    var root = JSONObject()
    root.appendUnique(
      "_aws",
      [
        "Timestamp": .number(Double(timestampMilliseconds)),
        "CloudWatchMetrics": [
          [
            "Namespace": .string(Self.namespace), "Dimensions": [["FunctionName", "Family"]],
            "Metrics": .array(
              names.map { ["Name": .string($0.rawValue), "Unit": .string($0.unit)] }),
          ]
        ],
      ])
    root.appendUnique("FunctionName", .string(functionName))
    root.appendUnique("Family", .string(family))
    root.appendUnique("Route", .string(route))
    for name in names { root.appendUnique(name.rawValue, .number(values[name]!)) }
    return .object(root)
  }

  /// Writes the record as one line and starts the next invocation's values.
  public func flush(family: String, route: String) {
    var line = JSONWriter().bytes(
      record(family: family, route: route, timestampMilliseconds: Clock.wallMilliseconds()))
    line.append(UInt8(ascii: "\n"))
    values.removeAll(keepingCapacity: true)
    _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
