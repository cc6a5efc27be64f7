import Engine
import Foundation
import LambdaEmulator
import LambdaRuntime
import TestSupport

/// The home link on loopback: Amazon SQS from moto's server (one per test process), a
/// request queue per linked function, and `lee-bridge` as the home's end, pointed at the
/// Home Assistant the test names. The function gets no Home Assistant setting at all.
enum HomeLinkRig {
  static let sqs: FixtureServer? = try? FixtureServer(
    script: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/sqs_server.py").path)

  /// Login with Amazon for a linked function's owner check: it knows the owner's token and
  /// a stranger's (another Amazon account that linked the skill). One per function, so it
  /// ends with it (a process left running would hold the test runner's output open).
  static func loginWithAmazon() throws -> FakeAlexaCloud {
    let cloud = try FakeAlexaCloud()
    try cloud.script([
      "profiles": [ownerToken: .string(ownerId), strangerToken: "amzn1.account.STRANGER"]
    ])
    return cloud
  }
  static let ownerToken = "Atza|the-owners-linked-token"
  static let strangerToken = "Atza|a-strangers-linked-token"
  static let ownerId = "amzn1.account.OWNER"

  /// The owner check's settings for a function linked with `amazon`.
  static func ownerCheck(_ amazon: FakeAlexaCloud) -> [String: String] {
    ["LINK_OWNER_ID": ownerId, "LWA_PROFILE_URL": amazon.amazon.url + "/user/profile"]
  }

  /// Where the link's queues are and who each end is to SQS.
  struct Queues: Sendable {
    var endpoint: String
    var functionKey: (id: String, secret: String)
    var bridgeKey: (id: String, secret: String)
    /// The request queue, when it exists already (else each function gets a new one).
    var requestQueue: String?

    /// The shared moto, which accepts any key (it checks the signature's form).
    static var shared: Queues {
      Queues(
        endpoint: sqs?.url ?? "http://127.0.0.1:1",
        functionKey: ("AKIDLINKTEST", "link-test-secret"),
        bridgeKey: ("AKIDLINKTEST", "link-test-secret"))
    }

    /// The AWS settings of one end.
    func aws(bridge: Bool) -> [String: String] {
      let key = bridge ? bridgeKey : functionKey
      return [
        "AWS_ACCESS_KEY_ID": key.id, "AWS_SECRET_ACCESS_KEY": key.secret, "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_SQS": endpoint,
      ]
    }

    func client(bridge: Bool) -> SQSClient {
      let key = bridge ? bridgeKey : functionKey
      return SQSClient(
        http: HTTPClient(userAgent: "lee-tests"),
        credentials: AWSCredentials(accessKeyId: key.id, secretAccessKey: key.secret),
        region: "us-east-1", environment: aws(bridge: bridge))
    }
  }

  /// The Home Assistant settings that stay in the home: only the bridge gets them.
  static let homeOnly: Set<String> = ["HOME_ASSISTANT_URL", "HOME_ASSISTANT_TOKEN"]

  /// A new request queue (as the template makes it: SQS-managed encryption, 60 s retention).
  static func makeRequestQueue() throws -> String {
    try Queues.shared.client(bridge: false).createQueue(
      named: "lee-requests-" + UUID().uuidString.prefix(8).lowercased(),
      attributes: [("MessageRetentionPeriod", "60"), ("SqsManagedSseEnabled", "true")],
      tags: [], timeoutMilliseconds: 5000)
  }

  /// `lee-bridge` polling `queue`, with `environment` (its Home Assistant and AWS settings
  /// and the function's others); its log goes to `logPath`.
  static func startBridge(queue: String, environment: [String: String], logPath: String)
    throws -> Process
  {
    let bridge = Process()
    bridge.executableURL = Binaries.buildDirectory.appendingPathComponent("lee-bridge")
    bridge.environment = environment.merging(["LINK_QUEUE_URL": queue]) { $1 }
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    bridge.standardError = FileHandle(forWritingAtPath: logPath)
    bridge.standardOutput = bridge.standardError
    try bridge.run()
    // Polling once it has logged that it is (the first long poll follows at once).
    let started = Date()
    while Date().timeIntervalSince(started) < 5 {
      if let log = try? String(contentsOfFile: logPath, encoding: .utf8), log.contains("polling") {
        break
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    Thread.sleep(forTimeInterval: 0.1)
    return bridge
  }

  static func stop(_ bridge: Process) {
    guard bridge.isRunning else { return }
    kill(bridge.processIdentifier, SIGKILL)
    bridge.waitUntilExit()
  }
}
