import Foundation
import JSONCore
import LambdaRuntime

/// A local Lambda service for one function: the Runtime API on loopback, a supervised
/// runtime process, and `invoke`, which runs one event the way Lambda would.
///
/// Like a Lambda execution environment it handles one invocation at a time. It enforces
/// the timeout (kills the runtime and starts a fresh one next time), reports init errors,
/// restarts a runtime that exited, and prints START / END / REPORT lines.
///
/// As in Lambda, the invoker gets the reply as soon as the runtime posts it, and the
/// runtime may go on working for that invocation until it asks for the next event:
/// REPORT's duration runs until then, and the timeout still applies.
///
/// Unchecked: the Runtime API's connection threads and the invoking thread really share
/// this state, and every access is under `state`, a condition variable (the invoker waits
/// for the runtime's reply), which `Synchronization.Mutex` cannot express.
public final class LocalLambda: @unchecked Sendable {
  public let configuration: FunctionConfiguration
  private let report: @Sendable (String) -> Void
  private let state = NSCondition()
  private let oneAtATime = NSLock()
  private var server: HTTPServer?

  // Guarded by `state`.
  private var generation = 0
  private var runtime: RuntimeProcess?
  private var exits: [pid_t: String] = [:]
  private var firstPollAtNanoseconds: UInt64?
  private var initReported = false
  private var initError: [UInt8]?
  private var pending: PendingInvocation?
  /// Replied to, but the runtime has not asked for the next event yet.
  private var unreported: (result: InvocationResult, dispatchedAt: UInt64, date: Date)?
  /// When the runtime last asked for an event (it may do so before `invoke` has even
  /// picked up the reply).
  private var polledAtNanoseconds: UInt64?
  private var injectedResponseFailures = 0

  public static let maximumPayloadBytes = 6 * 1024 * 1024

  public init(
    configuration: FunctionConfiguration,
    report: @escaping @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  ) {
    self.configuration = configuration
    self.report = report
  }

  /// Starts the Runtime API server; returns its port.
  @discardableResult
  public func start() throws -> UInt16 {
    let server = try HTTPServer(
      port: configuration.runtimeAPIPort,
      tagAtAccept: { [self] in
        state.lock()
        defer { state.unlock() }
        return generation
      },
      handler: { [self] request, tag in runtimeAPI(request, tag: tag) })
    server.start()
    self.server = server
    return server.port
  }

  public var runtimeAPIPort: UInt16 { server?.port ?? 0 }

  /// Stops the runtime and the server.
  public func shutdown() {
    state.lock()
    killRuntimeLocked()
    state.unlock()
    server?.stop()
  }

  // MARK: - Invoke

  /// Runs one event through the function and returns its reply or error.
  public func invoke(_ event: [UInt8]) -> InvocationResult {
    oneAtATime.lock()
    defer { oneAtATime.unlock() }
    state.lock()
    defer { state.unlock() }
    waitForWorkAfterReplyLocked()
    let requestId = UUID().uuidString.lowercased()
    if runtime == nil {
      do {
        try spawnRuntimeLocked()
      } catch {
        return failure(requestId, type: "Runtime.InvalidEntrypoint", message: "\(error)")
      }
    }
    guard let process = runtime else {
      return failure(requestId, type: "Runtime.Unknown", message: "no runtime")
    }
    pending = PendingInvocation(requestId: requestId, event: event)
    state.broadcast()
    let outcome = waitForOutcomeLocked(process)
    let dispatchedAt = pending?.dispatchedAtNanoseconds
    let dispatchedAtDate = pending?.dispatchedAtDate
    let duration = dispatchedAt.map { Double(Clock.monotonicNanoseconds() - $0) / 1e6 } ?? 0
    var initDuration: Double?
    if !initReported, let firstPoll = firstPollAtNanoseconds {
      initDuration = Double(firstPoll - process.spawnedAtNanoseconds) / 1e6
      initReported = true
    }
    let memory = process.highWaterMarkKiB().map { ($0 + 1023) / 1024 }
    pending = nil
    if outcome.killRuntime { killRuntimeLocked() }
    let result = InvocationResult(
      requestId: requestId, body: outcome.body, isError: outcome.isError,
      durationMilliseconds: duration, initDurationMilliseconds: initDuration,
      maxMemoryUsedMB: memory)
    if let dispatchedAt, !outcome.isError, runtime != nil {
      if let polled = polledAtNanoseconds, polled > dispatchedAt {
        reportEnd(result, milliseconds: Double(polled - dispatchedAt) / 1e6)
      } else {
        unreported = (result, dispatchedAt, dispatchedAtDate ?? Date())
      }
    } else if dispatchedAt != nil || outcome.isError {
      reportEnd(result)
    }
    return result
  }

  /// Waits (up to `seconds`) until the runtime has asked for its next event, so the last
  /// invocation's REPORT is out.
  public func awaitIdle(seconds: Double = 10) {
    state.lock()
    defer { state.unlock() }
    let limit = Date().addingTimeInterval(seconds)
    while unreported != nil, Date() < limit { _ = state.wait(until: limit) }
  }

  /// Before the next event: the previous invocation's work after its reply ends when the
  /// runtime asks for the next event, or at its timeout (then the runtime is killed).
  private func waitForWorkAfterReplyLocked() {
    guard let busy = unreported else { return }
    let limit = busy.date.addingTimeInterval(configuration.timeoutSeconds)
    while unreported != nil, Date() < limit { _ = state.wait(until: limit) }
    guard let late = unreported else { return }
    unreported = nil
    report(
      "RequestId: \(late.result.requestId) Error: Task timed out after "
        + "\(String(format: "%.2f", configuration.timeoutSeconds)) seconds (after its reply)")
    reportEnd(
      late.result, milliseconds: Double(Clock.monotonicNanoseconds() - late.dispatchedAt) / 1e6)
    killRuntimeLocked()
  }

  private struct Outcome {
    var body: [UInt8]
    var isError: Bool
    var killRuntime = false
  }

  private func waitForOutcomeLocked(_ process: RuntimeProcess) -> Outcome {
    let initLimit = Date().addingTimeInterval(configuration.initTimeoutSeconds)
    while true {
      if let current = pending, let body = current.replyBody {
        // After an init error the runtime is expected to exit; make sure it does.
        return Outcome(body: body, isError: current.isError, killRuntime: initError != nil)
      }
      if let exit = exits[process.pid] {
        runtime = nil
        return Outcome(
          body: errorBody(
            type: "Runtime.ExitError",
            message:
              "RequestId: \(pending?.requestId ?? "") Error: Runtime exited with error: \(exit)"),
          isError: true)
      }
      let limit: Date
      if let dispatched = pending?.dispatchedAtDate {
        limit = dispatched.addingTimeInterval(configuration.timeoutSeconds)
      } else {
        limit = initLimit
      }
      if Date() >= limit {
        let seconds =
          pending?.dispatchedAtDate == nil
          ? configuration.initTimeoutSeconds : configuration.timeoutSeconds
        let what = pending?.dispatchedAtDate == nil ? "Init" : "Task"
        return Outcome(
          body: errorBody(
            type: "Sandbox.Timedout",
            message: "RequestId: \(pending?.requestId ?? "") Error: \(what) timed out after "
              + "\(String(format: "%.2f", seconds)) seconds"),
          isError: true, killRuntime: true)
      }
      _ = state.wait(until: limit)
    }
  }

  private func failure(_ requestId: String, type: String, message: String) -> InvocationResult {
    let result = InvocationResult(
      requestId: requestId, body: errorBody(type: type, message: message), isError: true,
      durationMilliseconds: 0, initDurationMilliseconds: nil, maxMemoryUsedMB: nil)
    reportEnd(result)
    return result
  }

  private func errorBody(type: String, message: String) -> [UInt8] {
    FunctionError(type: type, message: message).jsonBody
  }

  private func reportEnd(_ result: InvocationResult, milliseconds: Double? = nil) {
    for line in result.reportLines(
      memorySizeMB: configuration.memorySizeMB, milliseconds: milliseconds)
    {
      report(line)
    }
  }

  // MARK: - Runtime process

  private func spawnRuntimeLocked() throws {
    generation += 1
    firstPollAtNanoseconds = nil
    initReported = false
    initError = nil
    let environment = configuration.runtimeEnvironment(runtimeAPI: "127.0.0.1:\(runtimeAPIPort)")
    let process = try RuntimeProcess.spawn(
      executable: configuration.bootstrapPath, environment: environment,
      logPath: configuration.logPath)
    runtime = process
    Thread.detachNewThread { [self] in
      let exit = process.waitForExit()
      state.lock()
      exits[process.pid] = exit
      state.broadcast()
      state.unlock()
    }
  }

  private func killRuntimeLocked() {
    guard let process = runtime else { return }
    process.kill()
    while exits[process.pid] == nil { state.wait() }
    exits[process.pid] = nil
    runtime = nil
    generation += 1  // the killed runtime's connections are stale from now on
    state.broadcast()
  }

  /// Starts a fresh runtime and returns milliseconds from spawn to its first `GET /next`.
  public func measureColdStart() throws -> Double {
    oneAtATime.lock()
    defer { oneAtATime.unlock() }
    state.lock()
    defer { state.unlock() }
    killRuntimeLocked()
    try spawnRuntimeLocked()
    guard let process = runtime else { return .nan }
    let limit = Date().addingTimeInterval(configuration.initTimeoutSeconds)
    while firstPollAtNanoseconds == nil, exits[process.pid] == nil, Date() < limit {
      _ = state.wait(until: limit)
    }
    guard let firstPoll = firstPollAtNanoseconds else {
      throw EmulatorError.spawnFailed(
        "the runtime did not poll for an event (\(exits[process.pid] ?? "timed out"))")
    }
    initReported = true
    return Double(firstPoll - process.spawnedAtNanoseconds) / 1e6
  }

  /// CPU time of all the runtime's threads so far (0 without a runtime).
  public func runtimeCPUNanoseconds() -> UInt64 {
    state.lock()
    defer { state.unlock() }
    return runtime?.cpuNanoseconds() ?? 0
  }

  /// The runtime's peak RSS in KiB.
  public func runtimeHighWaterMarkKiB() -> Int? {
    state.lock()
    defer { state.unlock() }
    return runtime?.highWaterMarkKiB()
  }

  /// The runtime's resident memory (KiB) and open file descriptors now.
  public func runtimeFootprint() -> (residentKiB: Int, descriptors: Int)? {
    state.lock()
    defer { state.unlock() }
    guard let process = runtime, let resident = process.residentKiB(),
      let descriptors = process.openDescriptors()
    else { return nil }
    return (resident, descriptors)
  }

  // MARK: - Runtime API

  private func runtimeAPI(_ request: HTTPMessage, tag: Int) -> HTTPMessage? {
    guard let (method, target) = request.requestLine else { return .response(400, "Bad Request") }
    let prefix = "/2018-06-01/runtime/"
    guard target.hasPrefix(prefix) else { return notFound() }
    let path = target.dropFirst(prefix.count).split(separator: "/").map(String.init)
    switch (method, path.count, path.first, path.last) {
    case ("GET", 2, "invocation", "next"):
      return nextInvocation(tag: tag)
    case ("POST", 3, "invocation", "response"):
      if let failure = takeInjectedFailure() { return failure }
      return complete(requestId: path[1], body: request.body, isError: false, tag: tag)
    case ("POST", 3, "invocation", "error"):
      return complete(requestId: path[1], body: request.body, isError: true, tag: tag)
    case ("POST", 2, "init", "error"):
      return recordInitError(request.body, tag: tag)
    default:
      return notFound()
    }
  }

  /// Fault injection: the next `count` reply POSTs get a 500, as from a failing Lambda
  /// service; the runtime is expected to retry.
  public func failNextReplies(_ count: Int) {
    state.lock()
    injectedResponseFailures = count
    state.unlock()
  }

  private func takeInjectedFailure() -> HTTPMessage? {
    state.lock()
    defer { state.unlock() }
    guard injectedResponseFailures > 0 else { return nil }
    injectedResponseFailures -= 1
    return .response(
      500, "Internal Server Error",
      body: errorBody(type: "ServiceException", message: "injected failure"))
  }

  private func notFound() -> HTTPMessage {
    .response(
      404, "Not Found", body: errorBody(type: "InvalidRequest", message: "unknown Runtime API path")
    )
  }

  private func nextInvocation(tag: Int) -> HTTPMessage? {
    state.lock()
    if tag == generation, firstPollAtNanoseconds == nil {
      firstPollAtNanoseconds = Clock.monotonicNanoseconds()
      state.broadcast()
    }
    if tag == generation { polledAtNanoseconds = Clock.monotonicNanoseconds() }
    if tag == generation, let done = unreported {
      unreported = nil
      reportEnd(
        done.result, milliseconds: Double(Clock.monotonicNanoseconds() - done.dispatchedAt) / 1e6)
      state.broadcast()
    }
    while true {
      guard tag == generation else {
        state.unlock()
        return nil  // a killed runtime's connection: close it
      }
      if var current = pending, current.dispatchedAtDate == nil, current.replyBody == nil {
        let deadline = Clock.wallMilliseconds() + Int64(configuration.timeoutSeconds * 1000)
        current.dispatchedAtDate = Date()
        current.dispatchedAtNanoseconds = Clock.monotonicNanoseconds()
        pending = current
        state.broadcast()
        state.unlock()
        report("START RequestId: \(current.requestId) Version: $LATEST")
        return .response(
          200, "OK", body: current.event,
          headers: [
            ("Lambda-Runtime-Aws-Request-Id", current.requestId),
            ("Lambda-Runtime-Deadline-Ms", String(deadline)),
            ("Lambda-Runtime-Invoked-Function-Arn", configuration.functionArn),
            (
              "Lambda-Runtime-Trace-Id",
              "Root=1-\(current.requestId.prefix(8))-000000000000000000000000;Sampled=0"
            ),
          ])
      }
      state.wait()
    }
  }

  private func complete(requestId: String, body: [UInt8], isError: Bool, tag: Int) -> HTTPMessage {
    state.lock()
    defer { state.unlock() }
    guard tag == generation, var current = pending, current.requestId == requestId,
      current.dispatchedAtDate != nil, current.replyBody == nil
    else {
      return .response(
        400, "Bad Request",
        body: errorBody(type: "InvalidRequestID", message: "unknown or answered request id"))
    }
    if !isError && body.count > Self.maximumPayloadBytes {
      return .response(
        413, "Request Entity Too Large",
        body: errorBody(
          type: "RequestEntityTooLarge", message: "reply exceeds \(Self.maximumPayloadBytes) bytes")
      )
    }
    current.replyBody = body
    current.isError = isError
    pending = current
    state.broadcast()
    return .response(202, "Accepted", body: Array(#"{"status":"OK"}"#.utf8))
  }

  private func recordInitError(_ body: [UInt8], tag: Int) -> HTTPMessage {
    state.lock()
    defer { state.unlock() }
    guard tag == generation else { return .response(403, "Forbidden") }
    initError = body
    if var current = pending, current.replyBody == nil {
      current.replyBody = body
      current.isError = true
      pending = current
    }
    state.broadcast()
    return .response(202, "Accepted", body: Array(#"{"status":"OK"}"#.utf8))
  }
}
