import JSONCore

/// One message `ReceiveMessage` returned: its body, string attributes, and the times SQS
/// itself stamped (so ages are measured on one clock, SQS's, whatever the home's says).
public struct SQSMessage: Sendable, Equatable {
  public var body: String
  public var receiptHandle: String
  public var attributes: [String: String]
  /// When SQS accepted it, in milliseconds since the epoch (SQS's clock).
  public var sentMilliseconds: Int64?
  /// When SQS first handed it to a receiver (SQS's clock).
  public var firstReceivedMilliseconds: Int64?
  public var receiveCount: Int

  public init(
    body: String, receiptHandle: String, attributes: [String: String],
    sentMilliseconds: Int64? = nil, firstReceivedMilliseconds: Int64? = nil, receiveCount: Int = 1
  ) {
    self.body = body
    self.receiptHandle = receiptHandle
    self.attributes = attributes
    self.sentMilliseconds = sentMilliseconds
    self.firstReceivedMilliseconds = firstReceivedMilliseconds
    self.receiveCount = receiveCount
  }

  /// An entry of `ReceiveMessage`'s `Messages`; nil without a body or receipt handle.
  init?(json: JSON) {
    guard let body = json["Body"]?.string, let handle = json["ReceiptHandle"]?.string else {
      return nil
    }
    var attributes: [String: String] = [:]
    for (name, value) in json["MessageAttributes"]?.object ?? JSONObject() {
      if let text = value["StringValue"]?.string { attributes[name] = text }
    }
    let system = json["Attributes"]
    self.init(
      body: body, receiptHandle: handle, attributes: attributes,
      sentMilliseconds: system?["SentTimestamp"]?.string.flatMap { Int64($0) },
      firstReceivedMilliseconds: system?["ApproximateFirstReceiveTimestamp"]?.string.flatMap {
        Int64($0)
      },
      receiveCount: system?["ApproximateReceiveCount"]?.string.flatMap { Int($0) } ?? 1)
  }

  /// How long it waited in the queue before its first receive, on SQS's clock (nil when
  /// SQS did not say).
  public var queuedMilliseconds: Int64? {
    guard let sent = sentMilliseconds, let received = firstReceivedMilliseconds else { return nil }
    let (waited, overflow) = received.subtractingReportingOverflow(sent)
    return overflow ? nil : max(0, waited)
  }
}
