import LambdaRuntime

/// The bridge's event source: the home link's request queue instead of Lambda's Runtime
/// API. `LinkPoller` takes requests on its own thread; `next` hands them to the runtime
/// loop one at a time, and each reply (or error) goes to the reply queue of the function
/// instance that waits for it.
public final class LinkEventSource: EventSource {
  public enum SetupError: Error, CustomStringConvertible {
    case missing(String)
    case noCredentials

    public var description: String {
      switch self {
      case .missing(let name): "\(name) is not set"
      case .noCredentials:
        "no AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws)"
      }
    }
  }

  private let inbox = LinkInbox()
  /// Replies leave on their own connection: the poller's is held by its long poll.
  private let replies: SQSClient
  private let log: RuntimeLog
  /// Where the reply to each request taken by `next` goes, until it is sent.
  private var replyQueues: [String: String] = [:]

  /// Reads `LINK_QUEUE_URL`, `AWS_REGION` and the AWS credentials chain, and starts polling.
  public init(environment: [String: String], log: RuntimeLog, userAgent: String) throws(SetupError)
  {
    guard let queue = environment["LINK_QUEUE_URL"], !queue.isEmpty else {
      throw .missing("LINK_QUEUE_URL")
    }
    guard let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] else {
      throw .missing("AWS_REGION")
    }
    guard let credentials = AWSCredentials.resolve(environment: environment) else {
      throw .noCredentials
    }
    func client() -> SQSClient {
      SQSClient(
        http: HTTPClient(userAgent: userAgent), credentials: credentials, region: region,
        environment: environment)
    }
    replies = client()
    self.log = log
    let poller = LinkPoller(
      sqs: client(), requestQueueURL: queue, inbox: inbox, logFormat: log.format,
      logThreshold: log.threshold)
    BackgroundThread.run { poller.run() }
  }

  /// The next request still within its deadline (one that expired while it waited behind
  /// another is dropped: its function has answered already).
  public func next() throws(RuntimeClientError) -> Invocation {
    while true {
      let request = inbox.take()
      let left = request.deadlineMilliseconds - Clock.wallMilliseconds()
      guard left > 0 else {
        log.log(.warn, "dropping request \(request.id): its deadline passed \(-left) ms ago")
        continue
      }
      replyQueues[request.id] = request.replyTo
      return Invocation(
        requestId: request.id, deadlineMilliseconds: request.deadlineMilliseconds,
        body: request.body)
    }
  }

  public func postResponse(requestId: String, body: [UInt8]) throws(RuntimeClientError) {
    let parts = LinkMessage.parts(of: body)
    for (index, part) in parts.enumerated() {
      try send(
        part, to: requestId, kind: .reply,
        extra: parts.count > 1
          ? [(LinkMessage.part, String(index + 1)), (LinkMessage.parts, String(parts.count))] : [],
        last: index == parts.count - 1)
    }
  }

  public func postError(requestId: String, error: FunctionError) throws(RuntimeClientError) {
    try send(LinkMessage.errorBody(error), to: requestId, kind: .error, extra: [], last: true)
  }

  /// A refused send (the function's queue is gone) is a `.status` the loop logs and
  /// moves past; an unreachable SQS is `.transport`, which the loop retries.
  private func send(
    _ body: String, to requestId: String, kind: LinkMessage.Kind, extra: [(String, String)],
    last: Bool
  ) throws(RuntimeClientError) {
    guard let queue = replyQueues[requestId] else {
      throw .status(404, "no request \(requestId) is waiting for a reply")
    }
    do {
      try replies.send(
        to: queue, body: body,
        attributes: [(LinkMessage.id, requestId), (LinkMessage.kind, kind.rawValue)] + extra,
        timeoutMilliseconds: 5_000)
    } catch .refused(let status, let code, let message) where status < 500 {
      replyQueues[requestId] = nil
      throw .status(status, "\(code): \(message)")
    } catch {
      throw .transport("\(error)")
    }
    if last { replyQueues[requestId] = nil }
  }
}
