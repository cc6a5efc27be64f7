import LambdaRuntime

/// The function's end of the home link: forwards an event to the bridge in the home
/// through the request queue and waits for its reply on this instance's own reply queue.
///
/// Why a queue per instance: one Lambda instance handles one event at a time, so whatever
/// arrives on its queue is for the event it is answering (or a late reply to an earlier
/// one, recognised by its id and dropped). The queue is made on first use and tagged with
/// when it was last used; any instance removes queues unused for `abandonedSeconds`, the
/// way AWS's own temporary-queue client sweeps idle queues. Nothing polls in a loop: the
/// function long-polls only while an event waits for its reply.
public final class HomeLink {
  public enum Failure: Error, Sendable, CustomStringConvertible {
    /// Nothing came back within `LinkMessage.pickupMilliseconds`: the bridge is not polling.
    case unreachable
    /// The bridge took the event but its reply did not come before the deadline.
    case timedOut
    /// The request queue or this instance's reply queue could not be used.
    case queue(SQSClient.Failure)
    case noCredentials
    case tooLarge(Int)

    public var description: String {
      switch self {
      case .unreachable: "the home's bridge did not take the event (is lee-bridge running?)"
      case .timedOut: "the home's bridge took the event but did not answer in time"
      case .queue(let failure): "the home link's queue failed: \(failure)"
      case .noCredentials: "no AWS credentials to reach the home link's queues"
      case .tooLarge(let bytes): "an event of \(bytes) bytes is too large for the home link"
      }
    }
  }

  /// A reply queue not used for this long belongs to an instance that is gone.
  public static let abandonedSeconds: Int64 = 6 * 3600
  /// How often an instance in use refreshes its queue's `lee-seen` tag.
  static let refreshSeconds: Int64 = 3600
  static let seenTag = "lee-seen"

  public let requestQueueURL: String
  private let sqs: SQSClient
  private let replyQueuePrefix: String
  private let logger: Logger
  public private(set) var replyQueueURL: String?
  private var seenTaggedAt: Int64 = 0
  private var sweptAt: Int64?
  /// Receipt handles of what this instance received, deleted after the reply has left.
  private var received: [String] = []

  public init(sqs: SQSClient, requestQueueURL: String, replyQueuePrefix: String, logger: Logger) {
    self.sqs = sqs
    self.requestQueueURL = requestQueueURL
    self.replyQueuePrefix = replyQueuePrefix
    self.logger = logger
  }

  /// Sends `invocation`'s event to the bridge and returns the bridge's reply. The bridge
  /// gets the time left less `marginMilliseconds`; a `.error` reply comes back as the
  /// bridge's `FunctionError`.
  public func forward(_ invocation: Invocation, marginMilliseconds: Int) throws -> [UInt8] {
    let deadline = invocation.deadlineMilliseconds - Int64(marginMilliseconds)
    guard invocation.body.count <= LinkMessage.partBytes else {
      throw Failure.tooLarge(invocation.body.count)
    }
    let replyQueue = try ensureReplyQueue(until: deadline)
    let budget = deadline - Clock.wallMilliseconds()
    do {
      try sqs.send(
        to: requestQueueURL, body: String(decoding: invocation.body, as: UTF8.self),
        attributes: [
          (LinkMessage.id, invocation.requestId), (LinkMessage.replyTo, replyQueue),
          (LinkMessage.budget, String(budget)),
        ], timeoutMilliseconds: Self.left(until: deadline))
    } catch {
      throw Failure.queue(error)
    }
    let sentAt = Clock.wallMilliseconds()
    return try awaitReply(to: invocation.requestId, on: replyQueue, sentAt: sentAt, until: deadline)
  }

  /// Long-polls the reply queue: first for a sign of life within the pickup time, then
  /// for the reply (in parts, if it was large) until `deadline`.
  private func awaitReply(to id: String, on queue: String, sentAt: Int64, until deadline: Int64)
    throws -> [UInt8]
  {
    var taken = false
    var parts: [Int: String] = [:]
    var partCount = 1
    while true {
      let now = Clock.wallMilliseconds()
      let pickupLeft = sentAt + Int64(LinkMessage.pickupMilliseconds) - now
      if !taken && pickupLeft <= 0 { throw Failure.unreachable }
      let left = Self.left(until: deadline)
      guard left >= 50 else { throw taken ? Failure.timedOut : Failure.unreachable }
      let wait = taken ? (left + 999) / 1000 : Int((pickupLeft + 999) / 1000)
      let messages: [SQSMessage]
      do {
        messages = try sqs.receive(
          from: queue, waitSeconds: wait,
          timeoutMilliseconds: taken ? left : min(left, Int(pickupLeft) + 250))
      } catch .http(let failure) where failure.isTimeout {
        continue  // the wait ran to our own cap: the checks above decide
      } catch {
        throw Failure.queue(error)
      }
      for message in messages {
        received.append(message.receiptHandle)
        guard message.attributes[LinkMessage.id] == id else { continue }  // a late reply
        taken = true
        switch message.attributes[LinkMessage.kind].flatMap(LinkMessage.Kind.init) {
        case .taken?, nil: break
        case .error?: throw Refusal(LinkMessage.functionError(from: message.body))
        case .reply?:
          let part = message.attributes[LinkMessage.part].flatMap { Int($0) } ?? 1
          partCount = message.attributes[LinkMessage.parts].flatMap { Int($0) } ?? 1
          parts[part] = message.body
        }
      }
      if !parts.isEmpty, parts.count >= partCount {
        return (1...max(1, partCount)).flatMap { Array((parts[$0] ?? "").utf8) }
      }
    }
  }

  /// After the reply has left: deletes what was received, keeps this queue's tag fresh,
  /// and now and then removes the queues of instances that are gone. Failures are logged
  /// (a message not deleted only comes back once, to be dropped by its id).
  public func finish(until deadline: Int64) {
    guard let queue = replyQueueURL else { return }
    let handles = received
    received = []
    do {
      if !handles.isEmpty {
        try sqs.delete(handles, from: queue, timeoutMilliseconds: Self.left(until: deadline))
      }
      let now = Clock.wallMilliseconds() / 1000
      if now - seenTaggedAt >= Self.refreshSeconds {
        try sqs.tagQueue(
          queue, tags: [(Self.seenTag, String(now))],
          timeoutMilliseconds: Self.left(until: deadline))
        seenTaggedAt = now
      }
      if sweptAt.map({ now - $0 >= Self.refreshSeconds }) ?? true {
        sweptAt = now
        try sweepAbandonedQueues(now: now, until: deadline)
      }
    } catch {
      logger.warn("home link housekeeping failed: \(error)")
    }
  }

  /// Deletes reply queues (at most ten a sweep) whose `lee-seen` is older than
  /// `abandonedSeconds`.
  private func sweepAbandonedQueues(now: Int64, until deadline: Int64) throws(SQSClient.Failure) {
    var deleted = 0
    for queue in try sqs.listQueues(
      prefix: replyQueuePrefix, timeoutMilliseconds: Self.left(until: deadline))
    where queue != replyQueueURL && deleted < 10 {
      guard Self.left(until: deadline) > 200 else { return }
      let tags = try sqs.queueTags(queue, timeoutMilliseconds: Self.left(until: deadline))
      guard let seen = tags[Self.seenTag].flatMap({ Int64($0) }),
        now - seen > Self.abandonedSeconds
      else { continue }
      try sqs.deleteQueue(queue, timeoutMilliseconds: Self.left(until: deadline))
      deleted += 1
      logger.info("removed the reply queue of an instance gone since \(seen): \(queue)")
    }
  }

  /// This instance's reply queue, made on first use: kept 60 s at most (a reply older than
  /// any event's budget is of no use), encrypted by SQS.
  private func ensureReplyQueue(until deadline: Int64) throws(Failure) -> String {
    if let replyQueueURL { return replyQueueURL }
    var random = SystemRandomNumberGenerator()
    let suffix = hex(random.next()) + hex(random.next())  // 32 hex digits
    let now = Clock.wallMilliseconds() / 1000
    do {
      let url = try sqs.createQueue(
        named: replyQueuePrefix + suffix,
        attributes: [
          ("MessageRetentionPeriod", "60"), ("SqsManagedSseEnabled", "true"),
          ("VisibilityTimeout", "30"),
        ],
        tags: [(Self.seenTag, String(now))], timeoutMilliseconds: Self.left(until: deadline))
      replyQueueURL = url
      seenTaggedAt = now
      return url
    } catch {
      throw .queue(error)
    }
  }

  private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  private static func left(until deadline: Int64) -> Int {
    Int(max(0, deadline - Clock.wallMilliseconds()))
  }
}
