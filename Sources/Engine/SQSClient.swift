import JSONCore

/// The few Amazon SQS calls the home link makes, over SQS's JSON protocol (AWS JSON 1.0,
/// `X-Amz-Target: AmazonSQS.<Action>`, SigV4 service `sqs`), each within a timeout.
///
/// docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/ (the actions named
/// below); the endpoint is resolved like the SDKs' (`AWS_ENDPOINT_URL_SQS`).
public final class SQSClient: Sendable {
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case http(HTTPClientError)
    /// SQS refused the call: its error code (e.g. `QueueDoesNotExist`, `AccessDenied`).
    case refused(status: Int, code: String, message: String)
    case malformed(String)

    public var description: String {
      switch self {
      case .http(let error): "SQS unreachable: \(error)"
      case .refused(let status, let code, let message): "SQS answered \(status) \(code): \(message)"
      case .malformed(let why): "unexpected SQS reply: \(why)"
      }
    }

    /// The queue is gone (deleted, or never made).
    public var isMissingQueue: Bool {
      if case .refused(_, let code, _) = self {
        return code.hasSuffix("QueueDoesNotExist") || code.hasSuffix("NonExistentQueue")
      }
      return false
    }
  }

  public let endpoint: String
  private let http: HTTPClient
  private let credentials: AWSCredentials
  private let region: String

  public init(
    http: HTTPClient, credentials: AWSCredentials, region: String, environment: [String: String]
  ) {
    self.http = http
    self.credentials = credentials
    self.region = region
    endpoint = AWSEndpoint.url(
      service: "SQS", host: "sqs", region: region, environment: environment)
  }

  /// `SendMessage`: `body` with string message attributes; returns the message id.
  @discardableResult
  public func send(
    to queueURL: String, body: String, attributes: [(String, String)], timeoutMilliseconds: Int
  ) throws(Failure) -> String {
    let reply = try call(
      "SendMessage",
      [
        ("QueueUrl", .string(queueURL)), ("MessageBody", .string(body)),
        ("MessageAttributes", .object(Self.stringAttributes(attributes))),
      ], timeoutMilliseconds: timeoutMilliseconds)
    return reply["MessageId"]?.string ?? ""
  }

  /// `ReceiveMessage`, long-polling up to `waitSeconds` (0–20); the whole call, wait
  /// included, within `timeoutMilliseconds`.
  public func receive(
    from queueURL: String, maximum: Int = 10, waitSeconds: Int, visibilitySeconds: Int? = nil,
    timeoutMilliseconds: Int
  ) throws(Failure) -> [SQSMessage] {
    var parameters: [(String, JSON)] = [
      ("QueueUrl", .string(queueURL)), ("MaxNumberOfMessages", JSON(maximum)),
      ("WaitTimeSeconds", JSON(max(0, min(20, waitSeconds)))),
      ("MessageAttributeNames", ["All"]),
      (
        "MessageSystemAttributeNames",
        ["SentTimestamp", "ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount"]
      ),
    ]
    if let visibilitySeconds { parameters.append(("VisibilityTimeout", JSON(visibilitySeconds))) }
    let reply = try call(
      "ReceiveMessage", parameters,
      timeoutMilliseconds: timeoutMilliseconds)
    return (reply["Messages"]?.array ?? []).compactMap(SQSMessage.init(json:))
  }

  /// `DeleteMessageBatch` (at most ten at a time, as SQS allows).
  public func delete(
    _ receiptHandles: [String], from queueURL: String, timeoutMilliseconds: Int
  ) throws(Failure) {
    var start = 0
    while start < receiptHandles.count {
      let batch = receiptHandles[start..<min(start + 10, receiptHandles.count)]
      let entries = batch.enumerated().map { index, handle in
        JSON.object(
          JSONObject([("Id", .string(String(index))), ("ReceiptHandle", .string(handle))]))
      }
      _ = try call(
        "DeleteMessageBatch", [("QueueUrl", .string(queueURL)), ("Entries", .array(entries))],
        timeoutMilliseconds: timeoutMilliseconds)
      start += 10
    }
  }

  /// `CreateQueue` (idempotent for the same name and attributes); returns its URL.
  public func createQueue(
    named name: String, attributes: [(String, String)], tags: [(String, String)],
    timeoutMilliseconds: Int
  ) throws(Failure) -> String {
    let reply = try call(
      "CreateQueue",
      [
        ("QueueName", .string(name)), ("Attributes", .object(Self.plain(attributes))),
        ("tags", .object(Self.plain(tags))),
      ], timeoutMilliseconds: timeoutMilliseconds)
    guard let url = reply["QueueUrl"]?.string else { throw .malformed("no QueueUrl") }
    return url
  }

  public func deleteQueue(_ queueURL: String, timeoutMilliseconds: Int) throws(Failure) {
    _ = try call(
      "DeleteQueue", [("QueueUrl", .string(queueURL))], timeoutMilliseconds: timeoutMilliseconds)
  }

  /// `ListQueues` whose names start with `prefix` (SQS gives at most 1,000).
  public func listQueues(prefix: String, timeoutMilliseconds: Int) throws(Failure) -> [String] {
    let reply = try call(
      "ListQueues", [("QueueNamePrefix", .string(prefix)), ("MaxResults", 1000)],
      timeoutMilliseconds: timeoutMilliseconds)
    return (reply["QueueUrls"]?.array ?? []).compactMap(\.string)
  }

  public func tagQueue(_ queueURL: String, tags: [(String, String)], timeoutMilliseconds: Int)
    throws(Failure)
  {
    _ = try call(
      "TagQueue", [("QueueUrl", .string(queueURL)), ("Tags", .object(Self.plain(tags)))],
      timeoutMilliseconds: timeoutMilliseconds)
  }

  public func queueTags(_ queueURL: String, timeoutMilliseconds: Int) throws(Failure)
    -> [String: String]
  {
    let reply = try call(
      "ListQueueTags", [("QueueUrl", .string(queueURL))], timeoutMilliseconds: timeoutMilliseconds)
    var tags: [String: String] = [:]
    for (key, value) in reply["Tags"]?.object ?? JSONObject() { tags[key] = value.string }
    return tags
  }

  private func call(_ action: String, _ parameters: [(String, JSON)], timeoutMilliseconds: Int)
    throws(Failure) -> JSON
  {
    let request = credentials.jsonRequest(
      url: endpoint, target: "AmazonSQS." + action, protocolVersion: "1.0",
      body: JSONWriter().bytes(.object(JSONObject(parameters))), region: region, service: "sqs")
    let response: HTTPResponse
    do {
      response = try http.send(request, timeoutMilliseconds: timeoutMilliseconds)
    } catch {
      throw .http(error)
    }
    let reply = try? JSONParser.parse(response.body)
    guard response.status == 200 else {
      throw .refused(
        status: response.status, code: reply?["__type"]?.string ?? "",
        message: reply?["message"]?.string ?? reply?["Message"]?.string
          ?? String(decoding: response.body.prefix(200), as: UTF8.self))
    }
    return reply ?? .object(JSONObject())
  }

  private static func plain(_ pairs: [(String, String)]) -> JSONObject {
    JSONObject(pairs.map { ($0.0, JSON.string($0.1)) })
  }

  private static func stringAttributes(_ pairs: [(String, String)]) -> JSONObject {
    JSONObject(
      pairs.map { name, value in
        (name, .object(JSONObject([("DataType", "String"), ("StringValue", .string(value))])))
      })
  }
}
