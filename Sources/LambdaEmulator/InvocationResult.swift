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
}
