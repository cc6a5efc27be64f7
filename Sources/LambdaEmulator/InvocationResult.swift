import Foundation

/// How one invocation ended, as the invoke endpoint reports it.
public struct InvocationResult: Sendable {
  public let requestId: String
  /// The function's reply, or the error JSON when `isError`.
  public let body: [UInt8]
  /// A function error: real Lambda sets `X-Amz-Function-Error: Unhandled`.
  public let isError: Bool
  public let durationMilliseconds: Double
  /// Spawn to first `GET /next`, on the invocation that started the runtime.
  public let initDurationMilliseconds: Double?
  public let maxMemoryUsedMB: Int?

  /// Lambda's END and REPORT lines; `milliseconds` when the invocation ran on after its
  /// reply (until the runtime asked for the next event).
  func reportLines(memorySizeMB: Int, milliseconds: Double? = nil) -> [String] {
    let duration = milliseconds ?? durationMilliseconds
    var line = "REPORT RequestId: \(requestId)\t"
    line += "Duration: \(String(format: "%.2f", duration)) ms\t"
    line += "Billed Duration: \(Int(duration.rounded(.up))) ms\t"
    line += "Memory Size: \(memorySizeMB) MB\t"
    line += "Max Memory Used: \(maxMemoryUsedMB ?? 0) MB"
    if let initDuration = initDurationMilliseconds {
      line += "\tInit Duration: \(String(format: "%.2f", initDuration)) ms"
    }
    return ["END RequestId: \(requestId)", line]
  }
}
