import Dispatch
import LambdaRuntime
import Synchronization

/// Requests the bridge's poller has taken from the queue, waiting for the gateway's
/// thread: the poller keeps polling while an event is being answered, so a second event
/// is taken (and its function told so) at once instead of after the first one's reply.
final class LinkInbox: Sendable {
  /// One request, with its deadline on this machine's clock.
  struct Request: Sendable {
    var id: String
    var replyTo: String
    var deadlineMilliseconds: Int64
    var body: [UInt8]
  }

  private let waiting = Mutex<[Request]>([])
  private let arrived = DispatchSemaphore(value: 0)

  func put(_ request: Request) {
    waiting.withLock { $0.append(request) }
    arrived.signal()
  }

  /// Blocks until a request is there and returns the oldest.
  func take() -> Request {
    while true {
      arrived.wait()
      if let request = waiting.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
        return request
      }
    }
  }
}
