import Foundation
import JSONCore

/// Cold-start and warm-invocation figures for one function and one event.
///
/// Cold: spawn → first `GET /next`, with a fresh process each time. Warm: CPU time of all
/// the runtime's threads (schedstat) per invocation over rounds of back-to-back invokes.
public struct ColdWarmBenchmark {
  public var coldStarts = 20
  public var warmRounds = 5
  public var warmInvocationsPerRound = 2000

  public init() {}

  public func run(_ lambda: LocalLambda, event: [UInt8]) throws -> JSON {
    var cold: [Double] = []
    for _ in 0..<coldStarts { cold.append(try lambda.measureColdStart()) }
    let first = lambda.invoke(event)
    if first.isError {
      throw EmulatorError.usage("the event fails: \(String(decoding: first.body, as: UTF8.self))")
    }
    var cpu: [Double] = []
    var wall: [Double] = []
    var firstRoundKiB = 0
    for round in 0..<warmRounds {
      let cpuBefore = lambda.runtimeCPUNanoseconds()
      let started = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<warmInvocationsPerRound { _ = lambda.invoke(event) }
      let elapsed = DispatchTime.now().uptimeNanoseconds - started
      let cpuAfter = lambda.runtimeCPUNanoseconds()
      cpu.append(Double(cpuAfter - cpuBefore) / Double(warmInvocationsPerRound) / 1000)
      wall.append(Double(elapsed) / Double(warmInvocationsPerRound) / 1000)
      if round == 0 { firstRoundKiB = lambda.runtimeHighWaterMarkKiB() ?? 0 }
    }
    let hwm = lambda.runtimeHighWaterMarkKiB() ?? 0
    return [
      "coldInitMs": .number(Self.median(cold)),
      "coldInitMsAll": .array(cold.map(JSON.number)),
      "warmCpuMicroseconds": .number(Self.median(cpu)),
      "warmCpuMicrosecondsRounds": .array(cpu.map(JSON.number)),
      "warmRoundTripMicroseconds": .number(Self.median(wall)),
      "peakRssMiB": .number(Double(hwm) / 1024),
      // Growth after the first round: a leak shows here, warm-up does not.
      "rssGrowthMiB": .number(Double(hwm - firstRoundKiB) / 1024),
    ]
  }

  public static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
