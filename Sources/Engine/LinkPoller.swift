import LambdaRuntime

/// The bridge's poller, on a thread of its own: long-polls the request queue, drops what
/// cannot be run safely, tells each waiting function instance at once that its request is
/// taken (`LinkMessage.Kind.taken`), and hands the rest to the gateway's thread.
///
/// A request is run at most once and only while fresh: it is deleted once taken, and one
/// SQS delivered before (`ApproximateReceiveCount` > 1) or that waited
/// longer than `LinkMessage.freshMilliseconds` (its function may already have answered
/// that the bridge is unreachable) is dropped, never executed late.
struct LinkPoller: Sendable {
  let sqs: SQSClient
  let requestQueueURL: String
  let inbox: LinkInbox
  let logFormat: RuntimeLog.Format
  let logThreshold: LogLevel

  /// Polls until the process ends. SQS failures are logged and retried with a growing
  /// pause (1 s doubling to 20 s), so a home without internet comes back by itself.
  func run() {
    let log = RuntimeLog(format: logFormat, threshold: logThreshold)
    var pauseMilliseconds = 0
    while true {
      if pauseMilliseconds > 0 { Clock.sleep(milliseconds: pauseMilliseconds) }
      do {
        let messages = try sqs.receive(
          from: requestQueueURL, maximum: 10, waitSeconds: 20, visibilitySeconds: 30,
          timeoutMilliseconds: 25_000)
        pauseMilliseconds = 0
        accept(messages, log: log)
      } catch {
        pauseMilliseconds = min(20_000, max(1_000, pauseMilliseconds * 2))
        log.log(
          .error, "cannot poll the request queue (next try in \(pauseMilliseconds) ms): \(error)")
      }
    }
  }

  private func accept(_ messages: [SQSMessage], log: RuntimeLog) {
    guard !messages.isEmpty else { return }
    let receivedAt = Clock.wallMilliseconds()
    var fresh: [LinkInbox.Request] = []
    for message in messages {
      switch Self.request(from: message, receivedAt: receivedAt) {
      case .success(let request): fresh.append(request)
      case .failure(let why): log.log(.warn, "dropping a request: \(why)")
      }
    }
    // Running starts at once; the function hears `taken` meanwhile, and what was received
    // is deleted after (one that comes back, had this process died first, is dropped as
    // delivered twice: never run again).
    for request in fresh {
      inbox.put(request)
      do {
        try sqs.send(
          to: request.replyTo, body: "taken",  // SQS wants a body of at least one character
          attributes: [(LinkMessage.id, request.id), (LinkMessage.kind, "taken")],
          timeoutMilliseconds: Int(max(200, request.deadlineMilliseconds - receivedAt)))
      } catch {
        log.log(.warn, "cannot tell request \(request.id) it is taken: \(error)")
      }
    }
    do {
      try sqs.delete(
        messages.map(\.receiptHandle), from: requestQueueURL, timeoutMilliseconds: 5_000)
    } catch {
      log.log(.error, "cannot delete taken requests (SQS drops them as delivered twice): \(error)")
    }
  }

  enum Refused: Error, CustomStringConvertible {
    case incomplete
    case deliveredBefore(Int)
    case stale(Int64)

    var description: String {
      switch self {
      case .incomplete: "it lacks its id, reply queue or budget"
      case .deliveredBefore(let count): "SQS delivered it \(count) times"
      case .stale(let age): "it waited \(age) ms in the queue"
      }
    }
  }

  /// The request `message` carries, with its deadline on this machine's clock: its budget
  /// counts from when SQS accepted it, measured on SQS's own clock.
  static func request(from message: SQSMessage, receivedAt: Int64)
    -> Result<LinkInbox.Request, Refused>
  {
    guard let id = message.attributes[LinkMessage.id],
      let replyTo = message.attributes[LinkMessage.replyTo],
      let budget = message.attributes[LinkMessage.budget].flatMap({ Int64($0) }),
      RuntimeClient.isSafePathSegment(id)
    else { return .failure(.incomplete) }
    guard message.receiveCount <= 1 else { return .failure(.deliveredBefore(message.receiveCount)) }
    let queued = message.queuedMilliseconds ?? 0
    guard queued <= Int64(LinkMessage.freshMilliseconds) else { return .failure(.stale(queued)) }
    return .success(
      LinkInbox.Request(
        id: id, replyTo: replyTo,
        deadlineMilliseconds: receivedAt + max(0, min(budget, 60_000)) - queued,
        body: Array(message.body.utf8)))
  }
}
