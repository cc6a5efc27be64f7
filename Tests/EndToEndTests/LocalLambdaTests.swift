import Foundation
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Testing

/// The real `bootstrap` and a misbehaving fake runtime under the local Lambda service.
@Suite(.serialized) struct LocalLambdaTests {
  final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
  }

  private func lambda(
    _ path: String = Binaries.bootstrap, timeout: Double = 8, environment: [String: String] = [:],
    lines: Lines = Lines()
  ) throws -> LocalLambda {
    var configuration = FunctionConfiguration(bootstrapPath: path)
    configuration.timeoutSeconds = timeout
    configuration.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let lambda = LocalLambda(configuration: configuration, report: { lines.append($0) })
    try lambda.start()
    return lambda
  }

  private func json(_ result: InvocationResult) throws -> JSON { try JSONParser.parse(result.body) }

  @Test func pingIsColdThenWarmWithLambdaStyleReports() throws {
    let lines = Lines()
    let lambda = try lambda(lines: lines)
    defer { lambda.shutdown() }
    let first = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    let second = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    #expect(!first.isError && !second.isError)
    #expect(try json(first)["ok"] == true)
    #expect(try json(first)["coldStart"] == true)
    #expect(try json(second)["coldStart"] == false)
    #expect(first.initDurationMilliseconds != nil && second.initDurationMilliseconds == nil)
    lambda.awaitIdle()  // REPORT comes once the runtime asks for its next event
    let reports = lines.all.filter { $0.hasPrefix("REPORT") }
    #expect(reports.count == 2)
    #expect(reports[0].contains("Init Duration:") && !reports[1].contains("Init Duration:"))
    #expect(reports[0].contains("Billed Duration:") && reports[0].contains("Max Memory Used:"))
    #expect(lines.all.contains("START RequestId: \(first.requestId) Version: $LATEST"))
  }

  @Test(arguments: [
    ("not json at all", "InvalidEvent.NotJSON"),
    ("", "InvalidEvent.NotJSON"),
    (#"{"hello":"world"}"#, "InvalidEvent.UnknownShape"),
    (#"{"action":"dance"}"#, "InvalidEvent.UnknownAction"),
    (String(repeating: "[", count: 10_000), "InvalidEvent.NotJSON"),
  ])
  func badEventsGetAnErrorAndTheRuntimeSurvives(event: String, errorType: String) throws {
    let lambda = try lambda()
    defer { lambda.shutdown() }
    _ = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    let bad = lambda.invoke(Array(event.utf8))
    #expect(bad.isError)
    #expect(try json(bad)["errorType"]?.string == errorType)
    let after = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    #expect(try json(after)["coldStart"] == false, "the same runtime process answered")
  }

  @Test func passesTheLambdaEnvironment() throws {
    let lambda = try lambda(Binaries.fakeRuntime, environment: ["CALLER_VARIABLE": "kept"])
    defer { lambda.shutdown() }
    for (name, expected) in [
      ("AWS_LAMBDA_FUNCTION_NAME", "lee-swift"), ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
      ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"), ("_HANDLER", "bootstrap"),
      ("AWS_REGION", "us-east-1"),
      ("CALLER_VARIABLE", "kept"),
    ] {
      let result = lambda.invoke(Array(#"{"env":"\#(name)"}"#.utf8))
      #expect(try json(result)["env"]?.string == expected, "\(name)")
    }
  }

  @Test func enforcesTheTimeoutAndStartsAFreshRuntimeAfterwards() throws {
    let lambda = try lambda(Binaries.fakeRuntime, timeout: 0.5)
    defer { lambda.shutdown() }
    let started = Date()
    let slow = lambda.invoke(Array(#"{"sleep":5}"#.utf8))
    #expect(Date().timeIntervalSince(started) < 3)
    #expect(slow.isError)
    #expect(
      try json(slow)["errorMessage"]?.string?.hasSuffix("Task timed out after 0.50 seconds") == true
    )
    let next = lambda.invoke(Array(#"{"echo":1}"#.utf8))
    #expect(!next.isError)
    #expect(next.initDurationMilliseconds != nil, "a new runtime was started")
  }

  /// As in Lambda: the invoker has the reply at once, REPORT counts until the runtime asks
  /// for the next event, and the next event waits for that.
  @Test func workAfterTheReplyIsReportedAndTheNextEventWaitsForIt() throws {
    let lines = Lines()
    let lambda = try lambda(Binaries.fakeRuntime, lines: lines)
    defer { lambda.shutdown() }
    let started = Date()
    let first = lambda.invoke(Array(#"{"after":0.6}"#.utf8))
    #expect(!first.isError && Date().timeIntervalSince(started) < 0.5, "the reply at once")
    let next = lambda.invoke(Array(#"{"echo":2}"#.utf8))
    #expect(!next.isError && Date().timeIntervalSince(started) >= 0.6, "after the work")
    let report = lines.all.first { $0.hasPrefix("REPORT RequestId: \(first.requestId)") } ?? ""
    let duration = report.split(separator: "\t").first { $0.hasPrefix("Duration: ") }
      .flatMap { Double($0.dropFirst("Duration: ".count).split(separator: " ").first ?? "") }
    #expect((duration ?? 0) >= 600, "\(report)")
  }

  @Test func aFunctionURLRequestIsAPayload2EventAndItsReplyTheResponse() throws {
    let lambda = try lambda(Binaries.fakeRuntime)
    defer { lambda.shutdown() }
    let server = try FunctionURLEndpoint.serve(lambda, port: 0)
    defer { server.stop() }
    let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
    let request = HTTPMessage(
      startLine: "POST /push?x=1 HTTP/1.1",
      headers: [("Host", "localhost"), ("Authorization", "Bearer s")],
      body: Array(#"{"statusCode":418,"headers":{"x-a":"b"},"body":"short"}"#.utf8))
    try socket.writeAll(request.serialized())
    // fake_runtime echoes the event: its reply is the payload 2.0 event itself, which has
    // no statusCode, so it comes back as a 200 JSON body.
    let response = try HTTPMessageReader(socket: socket).read(.response)
    #expect(response.statusCode == 200)
    let event = try JSONParser.parse(response.body)
    #expect(event["version"] == "2.0" && event["rawPath"] == "/push")
    #expect(event["rawQueryString"] == "x=1")
    #expect(event["headers"]?["authorization"] == "Bearer s")
    #expect(event["requestContext"]?["http"]?["method"] == "POST")
    #expect(event["isBase64Encoded"] == false)
    let reply = FunctionURLEndpoint.response(
      from: Array(#"{"statusCode":418,"headers":{"x-a":"b"},"body":"short"}"#.utf8))
    #expect(
      reply.statusCode == 418 && reply.header("x-a") == "b" && reply.body == Array("short".utf8))
  }

  @Test func reportsARuntimeThatExitedAndRestartsIt() throws {
    let lambda = try lambda(Binaries.fakeRuntime)
    defer { lambda.shutdown() }
    let crashed = lambda.invoke(Array(#"{"exit":3}"#.utf8))
    #expect(crashed.isError)
    #expect(try json(crashed)["errorType"] == "Runtime.ExitError")
    #expect(try json(crashed)["errorMessage"]?.string?.contains("exit status 3") == true)
    #expect(!lambda.invoke(Array(#"{"echo":1}"#.utf8)).isError)
  }

  @Test func reportsInitErrors() throws {
    let lambda = try lambda(Binaries.fakeRuntime, environment: ["FAKE_INIT_ERROR": "1"])
    defer { lambda.shutdown() }
    let result = lambda.invoke(Array(#"{"echo":1}"#.utf8))
    #expect(result.isError)
    #expect(try json(result)["errorType"] == "Runtime.InvalidConfiguration")
  }

  @Test func anInvalidConfigurationIsAnInitErrorNamingTheVariable() throws {
    let lambda = try lambda(environment: ["HOME_ASSISTANT_VERIFY_SSL": "perhaps"])
    defer { lambda.shutdown() }
    let result = lambda.invoke(Array(#"{"action":"ping"}"#.utf8))
    #expect(result.isError)
    #expect(try json(result)["errorType"] == "Runtime.InvalidConfiguration")
    #expect(
      try json(result)["errorMessage"]?.string?.hasPrefix("HOME_ASSISTANT_VERIFY_SSL: ") == true)
  }

  @Test func theInvokeEndpointMarksFunctionErrors() throws {
    let lambda = try lambda()
    defer { lambda.shutdown() }
    let server = try InvokeEndpoint.serve(lambda, port: 0)
    defer { server.stop() }
    func post(_ body: String) throws -> HTTPMessage {
      let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
      let request = HTTPMessage(
        startLine: "POST \(InvokeEndpoint.path) HTTP/1.1", headers: [("Host", "localhost")],
        body: Array(body.utf8))
      try socket.writeAll(request.serialized())
      return try HTTPMessageReader(socket: socket).read(.response)
    }
    let ok = try post(#"{"action":"ping"}"#)
    #expect(ok.statusCode == 200 && ok.header("X-Amz-Function-Error") == nil)
    #expect(try JSONParser.parse(ok.body)["ok"] == true)
    let failed = try post("nope")
    #expect(failed.statusCode == 200 && failed.header("X-Amz-Function-Error") == "Unhandled")
  }

  @Test func bootstrapExitsNonZeroWithOneLineWhenTheRuntimeAPIStaysDown() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binaries.bootstrap)
    process.environment = ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:1"]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 1)
    #expect(output.split(separator: "\n").filter { $0.contains("FATAL") }.count == 1)
    #expect(output.contains("giving up on the Runtime API"))
  }
}
