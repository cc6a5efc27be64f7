import Engine
import Foundation
import JSONCore
import TestSupport
import Testing

/// The setup command (scripts/deploy.sh) end to end against test-only fakes on loopback:
/// moto's server for STS, S3, SSM, IAM, Lambda and CloudFormation (Fixtures/aws_server.py)
/// and a fake SMAPI and Login with Amazon that check every request against Amazon's SMAPI
/// models and refuse an endpoint whose Lambda permission lacks the skill id, as the
/// console does (Fixtures/fake_alexa_developer.py). Endpoints go through the SDKs'
/// AWS_ENDPOINT_URL, LEE_SMAPI_URL and LEE_LWA_URL.
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["LEE_PACKAGE_ZIP"] != nil,
    "needs scripts/test.sh's deployment zip"))
final class SetupCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let profile = ["amzn1.application-oa2-client.profile", "profile-secret", "Atzr|refresh"]
  let aws: FixtureServer
  let developer: FixtureServer
  let home = NSTemporaryDirectory() + "lee-setup-\(UUID().uuidString)"

  init() throws {
    aws = try FixtureServer(
      script: Self.fixtures.appendingPathComponent("aws_server.py").path, arguments: ["1000"])
    developer = try FixtureServer(
      script: Self.fixtures.appendingPathComponent("fake_alexa_developer.py").path,
      arguments: [aws.url] + Self.profile)
  }

  deinit {
    aws.stop()
    developer.stop()
    try? FileManager.default.removeItem(atPath: home)
  }

  /// Runs scripts/deploy.sh with `arguments`; its exit status and everything it printed.
  private func setup(_ arguments: [String], credentials: Bool = true) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    let zip = ProcessInfo.processInfo.environment["LEE_PACKAGE_ZIP"] ?? ""
    process.arguments =
      [TestPython.repositoryRoot.appendingPathComponent("scripts/deploy.sh").path, "--zip=\(zip)"]
      + arguments
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment.merge([
      "AWS_ENDPOINT_URL": aws.url, "LEE_SMAPI_URL": developer.url, "LEE_LWA_URL": developer.url,
      "XDG_CONFIG_HOME": home, "HOME": home, "HOME_ASSISTANT_TOKEN": "owner-token",
      "AWS_CONFIG_FILE": home + "/no-config", "AWS_SHARED_CREDENTIALS_FILE": home + "/none",
      "AWS_EC2_METADATA_DISABLED": "true",
    ]) { $1 }
    if credentials {
      environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
      environment["AWS_SECRET_ACCESS_KEY"] = "secret"
    }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  private var login: [String] {
    [
      "--lwa-client-id", Self.profile[0], "--lwa-client-secret", Self.profile[1],
      "--refresh-token", Self.profile[2],
    ]
  }

  private func developerState() throws -> JSON {
    try JSONParser.parse(
      HTTPClient(userAgent: "lee-tests").send(
        HTTPRequest(url: developer.url + "/__state"), timeoutMilliseconds: 5000
      ).body)
  }

  private func awsState() throws -> JSON {
    let process = TestPython.process(
      Self.fixtures.appendingPathComponent("aws_state.py").path, ["us-east-1"])
    var environment = ProcessInfo.processInfo.environment
    environment["AWS_ENDPOINT_URL"] = aws.url
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONParser.parse(Array(data))
  }

  /// Every request SMAPI and Login with Amazon saw passed Amazon's models.
  private func refusedRequests() throws -> [JSON] {
    try (developerState()["log"]?.array ?? []).filter { $0["verdict"] != "ok" }
  }

  @Test func aFirstRunMakesEverythingAndARerunChangesNothing() throws {
    let (dryStatus, plan) = try setup(
      ["--home-assistant-url", "https://ha.example.com", "--dry-run"] + login)
    #expect(dryStatus == 0, "\(plan)")
    #expect(plan.contains("Smart Home skill                   would be created"), "\(plan)")
    #expect(try developerState()["skills"]?.object?.count == 0, "a dry run made a skill")
    #expect(try awsState()["stacks"]?.array?.isEmpty == true, "a dry run made a stack")

    let started = Date()
    let (status, output) = try setup(["--home-assistant-url", "https://ha.example.com"] + login)
    #expect(status == 0, "\(output)")
    print("setup command, first run against the fakes: \(Date().timeIntervalSince(started)) s")
    let skills = try #require(developerState()["skills"]?.object)
    #expect(skills.count == 1)
    let skill = try #require(Array(skills).first)
    let linking = skill.value["accountLinking"] ?? .null
    #expect(linking["authorizationUrl"] == "https://ha.example.com/auth/authorize")
    #expect(linking["accessTokenUrl"] == "https://ha.example.com/auth/token")
    #expect(linking["clientId"] == "https://pitangui.amazon.com/")
    #expect(linking["accessTokenScheme"] == "REQUEST_BODY_CREDENTIALS")
    #expect(linking["scopes"] == ["smart_home"])
    let manifest = skill.value["manifest"] ?? .null
    #expect(manifest["permissions"] == [["name": "alexa::async_event:write"]])
    #expect(manifest["apis"]?["smartHome"]?["protocolVersion"] == "3")

    let state = try awsState()
    let stack = try #require(state["stacks"]?.array?.first)
    #expect(stack["status"] == "CREATE_COMPLETE")
    #expect(stack["parameters"]?["SmartHomeSkillId"]?.string == skill.key)
    #expect(stack["parameters"]?["AlexaClientId"] == "amzn1.application-oa2-client.events")
    #expect(stack["parameters"]?["PushConcurrencyCap"] == "5", "a limit of 1000 spares 5")
    let function = try #require(stack["outputs"]?["FunctionArn"]?.string)
    #expect(manifest["apis"]?["smartHome"]?["endpoint"]?["uri"]?.string == function)
    for name in ["HOME_ASSISTANT_TOKEN", "ALEXA_CLIENT_SECRET", "HOME_ASSISTANT_PUSH_SECRET"] {
      #expect(state["parameters"]?["/lee/" + name] == "SecureString", "\(name): \(state)")
    }
    #expect(output.contains("lee_alexa_events_url: \"https://"), "\(output)")
    #expect(output.contains("Enable, and sign in to Home Assistant"), "\(output)")
    #expect(!output.contains("owner-token"), "the token was printed")
    let refused = try refusedRequests()
    #expect(refused.isEmpty, "\(refused)")

    let (again, rerun) = try setup(["--home-assistant-url", "https://ha.example.com"] + login)
    #expect(again == 0, "\(rerun)")
    #expect(rerun.contains("0 change(s)"), "\(rerun)")
    #expect(try developerState()["skills"]?.object?.count == 1, "a re-run made another skill")
  }

  @Test func aChangedHomeAssistantURLUpdatesLinkingAndTheStack() throws {
    let (first, output) = try setup(
      ["--home-assistant-url", "https://ha.example.com", "--parameter", "ExcludeDomains=camera"]
        + login)
    #expect(first == 0, "\(output)")
    let (status, changed) = try setup(["--home-assistant-url", "https://home.example.org"])
    #expect(status == 0, "\(changed)")
    #expect(changed.contains("Smart Home account linking         set"), "\(changed)")
    #expect(changed.contains("stack lee                          updated"), "\(changed)")
    let skill = try #require(developerState()["skills"]?.object.map(Array.init)?.first)
    #expect(
      skill.value["accountLinking"]?["authorizationUrl"]
        == "https://home.example.org/auth/authorize")
    let stack = try #require(awsState()["stacks"]?.array?.first)
    #expect(stack["status"] == "UPDATE_COMPLETE")
    #expect(stack["parameters"]?["HomeAssistantUrl"] == "https://home.example.org")
    #expect(stack["parameters"]?["ExcludeDomains"] == "camera", "an earlier --parameter is kept")
    let refused = try refusedRequests()
    #expect(refused.isEmpty, "\(refused)")
  }

  @Test func theCustomSkillGetsItsModelsAndAnEndpointItsPermissionAllows() throws {
    let (status, output) = try setup(
      ["--home-assistant-url", "https://ha.example.com", "--custom-skill", "--locale", "en-GB"]
        + login)
    #expect(status == 0, "\(output)")
    #expect(output.contains("en-GB is served from eu-west-1"), "\(output)")
    let skills = try #require(developerState()["skills"]?.object)
    let custom = try #require(skills.first { $0.value["manifest"]?["apis"]?["custom"] != nil })
    #expect(custom.value["models"]?.object?.count == 17)
    #expect(custom.value["manifest"]?["apis"]?["custom"]?["endpoint"]?["uri"]?.string != nil)
    let refused = try refusedRequests()
    #expect(refused.isEmpty, "\(refused)")
  }

  /// Link mode: no Home Assistant URL in AWS, account linking through Login with Amazon,
  /// and the bridge's settings file with a key of the stack's bridge user.
  @Test func linkModeLinksThroughAmazonAndWritesTheBridgesSettings() throws {
    let settings = home + "/lee-bridge.env"
    let (status, output) = try setup(
      ["--link-owner", "amzn1.account.OWNER", "--bridge-env", settings] + login)
    #expect(status == 0, "\(output)")
    let stack = try #require(awsState()["stacks"]?.array?.first)
    #expect(stack["parameters"]?["LinkOwnerId"] == "amzn1.account.OWNER")
    #expect(stack["parameters"]?["HomeAssistantUrl"] ?? "" == "", "\(stack)")
    let skill = try #require(developerState()["skills"]?.object.map(Array.init)?.first)
    #expect(skill.value["accountLinking"]?["authorizationUrl"] == "https://www.amazon.com/ap/oa")
    #expect(skill.value["accountLinking"]?["scopes"] == ["profile:user_id"])
    let written = try String(contentsOfFile: settings, encoding: .utf8)
    let queue = try #require(stack["outputs"]?["LinkQueueUrl"]?.string)
    #expect(written.contains("LINK_QUEUE_URL=\(queue)"), "\(written)")
    #expect(written.contains("AWS_SECRET_ACCESS_KEY="))
    let mode = try FileManager.default.attributesOfItem(atPath: settings)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(output.contains("sign in to Amazon"), "\(output)")
    let refused = try refusedRequests()
    #expect(refused.isEmpty, "\(refused)")
  }

  @Test func withoutAWSCredentialsItSaysHowToGetThem() throws {
    let (status, output) = try setup(
      ["--home-assistant-url", "https://ha.example.com"] + login, credentials: false)
    #expect(status != 0)
    #expect(output.contains("no AWS credentials"), "\(output)")
    #expect(try developerState()["skills"]?.object?.count == 0)
  }
}
