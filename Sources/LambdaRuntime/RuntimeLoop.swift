#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Polls an event source (Lambda's Runtime API, or the home link's queue) and answers each
/// invocation with a handler, one at a time.
///
/// A handler's error is posted as that invocation's error and the loop goes on; only a
/// source that stays unreachable (after `retry`) ends the loop, by throwing. Generic over
/// the source, so the Runtime API's calls stay direct.
///
/// After a reply is posted, `afterReply` may go on working for that invocation (a custom
/// runtime may, until it asks for the next event; Lambda counts that time, within the
/// function's timeout): the caller hears the reply at once.
public final class RuntimeLoop<Source: EventSource> {
  /// Turns an event into reply bytes; a thrown error becomes the invocation's error.
  public typealias Handler = (Invocation) throws -> [UInt8]

  public let source: Source
  public let log: RuntimeLog
  public let retry: RetryPolicy

  public init(source: Source, log: RuntimeLog, retry: RetryPolicy = .standard) {
    self.source = source
    self.log = log
    self.retry = retry
  }

  /// Runs until the Runtime API fails for good, or after `limit` invocations (for tests).
  public func run(
    limit: Int? = nil, _ handler: Handler, afterReply: (Invocation) -> Void = { _ in }
  ) throws(RuntimeClientError) {
    var handled = 0
    while limit.map({ handled < $0 }) ?? true {
      let invocation: Invocation
      do {
        invocation = try retry.run(
          { () throws(RuntimeClientError) in try source.next() }, onRetry: warnRetry)
      } catch .malformedInvocation(let why) {
        // Nothing to answer without a request id; the next poll gets the next event.
        log.error("skipping an invocation the event source sent without a usable id: \(why)")
        continue
      }
      handled += 1
      try answer(invocation, handler)
      log.requestId = invocation.requestId
      afterReply(invocation)
      log.requestId = nil
    }
  }

  private func answer(_ invocation: Invocation, _ handler: Handler) throws(RuntimeClientError) {
    log.requestId = invocation.requestId
    defer { log.requestId = nil }
    TraceIdEnvironment.shared.set(invocation.traceId)
    let requestId = invocation.requestId
    let reply: [UInt8]
    do {
      reply = try handler(invocation)
    } catch {
      let failure = FunctionError(wrapping: error)
      log.error("handler failed: \(failure)")
      try deliverError(requestId, failure)
      return
    }
    do {
      try retry.run(
        { () throws(RuntimeClientError) in
          try source.postResponse(requestId: requestId, body: reply)
        },
        onRetry: warnRetry)
    } catch .status(413, _) {
      try deliverError(
        requestId,
        FunctionError(
          type: "Function.ResponseSizeTooLarge",
          message: "reply of \(reply.count) bytes is over Lambda's limit"))
    } catch .status(let code, let body) where code < 500 {
      // The Runtime API refused this one reply (e.g. already answered): the loop goes on.
      log.error("the event source refused the reply (\(code)): \(body)")
    }
  }

  private func deliverError(_ requestId: String, _ failure: FunctionError)
    throws(RuntimeClientError)
  {
    do {
      try retry.run(
        { () throws(RuntimeClientError) in
          try source.postError(requestId: requestId, error: failure)
        },
        onRetry: warnRetry)
    } catch .status(let code, let body) where code < 500 {
      log.error("the event source refused the error report (\(code)): \(body)")
    }
  }

  private func warnRetry(_ error: RuntimeClientError, _ attempt: Int) {
    log.warn("event source call failed, retrying (attempt \(attempt)): \(error)")
  }
}
