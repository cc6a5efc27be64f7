import Foundation
import JSONCore

/// Many invocations in one runtime, cycling through events, sampling its resident memory
/// and open file descriptors along the way: a leak shows as growth after warm-up.
public struct Soak {
  public var invocations = 100_000
  public var samples = 20
  /// Invocations before the baseline sample (caches fill, connections open).
  public var warmUp = 2_000

  public init() {}

  public func run(_ lambda: LocalLambda, events: [[UInt8]]) throws -> JSON {
    guard !events.isEmpty else { throw EmulatorError.usage("soak needs at least one event") }
    var curve: [JSON] = []
    var baseline: (residentKiB: Int, descriptors: Int)?
    var functionErrors = 0
    var alexaErrors = 0
    var restarts = 0
    let every = max(1, (invocations - warmUp) / max(1, samples))
    let started = Date()
    for index in 1...invocations {
      let result = lambda.invoke(events[index % events.count])
      if result.isError { functionErrors += 1 }
      if result.initDurationMilliseconds != nil, index > 1 { restarts += 1 }
      if result.body.count < 4096,
        String(decoding: result.body, as: UTF8.self).contains(
          "\"ErrorResponse\"")
      {
        alexaErrors += 1
      }
      guard index == warmUp || (index > warmUp && (index - warmUp) % every == 0),
        let footprint = lambda.runtimeFootprint()
      else { continue }
      if baseline == nil { baseline = footprint }
      curve.append([
        "invocations": JSON(index), "rssMiB": .number(Double(footprint.residentKiB) / 1024),
        "descriptors": JSON(footprint.descriptors),
      ])
    }
    let last = lambda.runtimeFootprint()
    return [
      "invocations": JSON(invocations), "seconds": .number(Date().timeIntervalSince(started)),
      "functionErrors": JSON(functionErrors), "alexaErrors": JSON(alexaErrors),
      "restarts": JSON(restarts),
      "rssGrowthAfterWarmUpMiB": .number(
        Double((last?.residentKiB ?? 0) - (baseline?.residentKiB ?? 0)) / 1024),
      "descriptorGrowth": JSON((last?.descriptors ?? 0) - (baseline?.descriptors ?? 0)),
      "curve": .array(curve),
    ]
  }
}
