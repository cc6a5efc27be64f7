/// Where the runtime loop takes its events and sends its replies: Lambda's Runtime API
/// (`RuntimeClient`), or a queue the home link's bridge long-polls.
///
/// One event at a time: `next` blocks until there is one, and each event is answered
/// exactly once, with a reply or an error.
public protocol EventSource: AnyObject {
  /// Blocks until an event arrives. `.malformedInvocation` skips one the source cannot
  /// answer; any other error is retried by the loop and, if it lasts, ends it.
  func next() throws(RuntimeClientError) -> Invocation
  func postResponse(requestId: String, body: [UInt8]) throws(RuntimeClientError)
  func postError(requestId: String, error: FunctionError) throws(RuntimeClientError)
}

extension RuntimeClient: EventSource {}
