import Foundation
import JSONCore
import LambdaRuntime
import Testing

@testable import Engine

/// The home link's wire format and the bridge's verdicts on what it receives, without SQS
/// (HomeLinkTests runs them against moto's).
struct HomeLinkMessageTests {
  @Test func aLargeReplyIsCutIntoPartsBetweenCharactersAndJoinsBackWhole() {
    let text = String(repeating: "é🏠a", count: 1000)  // 2-, 4- and 1-byte characters
    let bytes = Array(text.utf8)
    let parts = LinkMessage.parts(of: bytes, limit: 777)
    #expect(parts.count > 1)
    #expect(parts.allSatisfy { $0.utf8.count <= 777 && !$0.contains("\u{FFFD}") })
    #expect(parts.joined() == text)
    #expect(LinkMessage.parts(of: Array("small".utf8)) == ["small"])
  }

  @Test func anErrorTravelsAsTheBridgesFunctionError() {
    let error = FunctionError(type: "InvalidEvent.Malformed", message: "not JSON")
    let back = LinkMessage.functionError(from: LinkMessage.errorBody(error))
    #expect(back == error)
    #expect(LinkMessage.functionError(from: "<html>").errorType == "Link.Error")
  }

  private func message(
    attributes: [String: String], sent: Int64 = 1_000, received: Int64 = 1_100, count: Int = 1
  ) -> SQSMessage {
    SQSMessage(
      body: #"{"directive":{}}"#, receiptHandle: "r", attributes: attributes,
      sentMilliseconds: sent, firstReceivedMilliseconds: received, receiveCount: count)
  }

  private let complete = [
    LinkMessage.id: "request-1", LinkMessage.replyTo: "https://sqs/1/lee-reply-x",
    LinkMessage.budget: "7000",
  ]

  @Test func aFreshRequestGetsItsBudgetLessItsTimeInTheQueueOnTheBridgesClock() throws {
    let request = try LinkPoller.request(from: message(attributes: complete), receivedAt: 50_000)
      .get()
    #expect(request.id == "request-1" && request.replyTo == "https://sqs/1/lee-reply-x")
    #expect(request.deadlineMilliseconds == 50_000 + 7000 - 100)
    #expect(request.body == Array(#"{"directive":{}}"#.utf8))
  }

  @Test func whatCouldRunLateOrTwiceIsDroppedNeverRun() {
    func verdict(_ message: SQSMessage) -> String {
      switch LinkPoller.request(from: message, receivedAt: 0) {
      case .success: "run"
      case .failure(let refused): refused.description
      }
    }
    #expect(verdict(message(attributes: complete, received: 1_000 + 701)).contains("waited 701 ms"))
    #expect(verdict(message(attributes: complete, count: 2)).contains("2 times"))
    var incomplete = complete
    incomplete[LinkMessage.budget] = nil
    #expect(verdict(message(attributes: incomplete)).contains("lacks"))
    var unsafe = complete
    unsafe[LinkMessage.id] = "../next"
    #expect(verdict(message(attributes: unsafe)).contains("lacks"))
    #expect(verdict(message(attributes: complete, received: 1_000 + 700)) == "run")
    var negative = complete
    negative[LinkMessage.budget] = String(Int64.min)
    let expired = try? LinkPoller.request(from: message(attributes: negative), receivedAt: 5_000)
      .get()
    #expect(expired?.deadlineMilliseconds == Int64(4_900), "a negative budget is none, never a trap")
  }

  @Test func aReceivedMessageIsReadWithTheTimesSQSStamped() throws {
    let json = try JSONParser.parse(
      #"{"Body":"b","ReceiptHandle":"h","MessageAttributes":{"lee-kind":{"DataType":"String","StringValue":"reply"}},"Attributes":{"SentTimestamp":"1000","ApproximateFirstReceiveTimestamp":"1250","ApproximateReceiveCount":"3"}}"#
    )
    let message = try #require(SQSMessage(json: json))
    #expect(message.attributes == ["lee-kind": "reply"])
    #expect(message.queuedMilliseconds == 250 && message.receiveCount == 3)
    #expect(SQSMessage(json: ["Body": "no handle"]) == nil)
    let absurd = SQSMessage(
      body: "", receiptHandle: "h", attributes: [:], sentMilliseconds: .min,
      firstReceivedMilliseconds: .max)
    #expect(absurd.queuedMilliseconds == nil, "an overflowing age is no age, never a trap")
  }

  @Test func credentialsComeFromTheEnvironmentThenTheProfileInTheSharedFiles() throws {
    let directory = NSTemporaryDirectory() + "lee-aws-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try """
    [default]
    aws_access_key_id = AKIDDEFAULT
    aws_secret_access_key = default-secret
    # a comment
    [bridge]
    aws_access_key_id=AKIDBRIDGE
    aws_secret_access_key=bridge-secret
    """.write(toFile: directory + "/credentials", atomically: true, encoding: .utf8)
    try """
    [profile home]
    aws_access_key_id = AKIDHOME
    aws_secret_access_key = home-secret
    aws_session_token = session
    """.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
    let files = [
      "AWS_SHARED_CREDENTIALS_FILE": directory + "/credentials",
      "AWS_CONFIG_FILE": directory + "/config",
    ]
    #expect(AWSCredentials.resolve(environment: files)?.accessKeyId == "AKIDDEFAULT")
    #expect(
      AWSCredentials.resolve(environment: files.merging(["AWS_PROFILE": "bridge"]) { $1 })
        == AWSCredentials(accessKeyId: "AKIDBRIDGE", secretAccessKey: "bridge-secret"))
    #expect(
      AWSCredentials.resolve(environment: files.merging(["AWS_PROFILE": "home"]) { $1 })
        == AWSCredentials(
          accessKeyId: "AKIDHOME", secretAccessKey: "home-secret", sessionToken: "session"))
    let environment = files.merging([
      "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env",
    ]) { $1 }
    #expect(AWSCredentials.resolve(environment: environment)?.accessKeyId == "AKIDENV")
    #expect(AWSCredentials.resolve(environment: ["HOME": directory + "/nowhere"]) == nil)
  }

  @Test func endpointsAreResolvedAsTheSDKsDo() {
    func url(_ environment: [String: String]) -> String {
      AWSEndpoint.url(service: "SQS", host: "sqs", region: "eu-west-1", environment: environment)
    }
    #expect(url([:]) == "https://sqs.eu-west-1.amazonaws.com/")
    #expect(url(["AWS_ENDPOINT_URL": "http://localhost:4566"]) == "http://localhost:4566/")
    #expect(
      url(["AWS_ENDPOINT_URL": "http://a", "AWS_ENDPOINT_URL_SQS": "http://b/"]) == "http://b/")
  }
}
