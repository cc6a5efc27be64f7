import FuzzSupport
import JSONCore
import LambdaRuntime

@testable import Engine

/// Any bytes as a Lambda event: the classifier must parse or reject them, never crash;
/// what it accepts must survive a round trip through the writer, and a Function URL
/// request (its base64 body too) must decode or be refused.
func fuzzEvents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = bytes(data, size)
  fuzzLinkMessages(input)
  guard let (route, event) = try? EventClassifier().classify(input) else { return 0 }
  _ = route.key
  if let request = FunctionURLRequest(event) {
    _ = (request.method, request.path, request.headers["authorization"], request.body.count)
  }
  _ = Base64.decode(event["body"]?.string ?? "")
  let written = JSONWriter().bytes(event)
  guard let reparsed = try? JSONParser.parse(written, maximumDepth: 128), reparsed == event else {
    fatalError("writer and parser disagree on \(route.key)")
  }
  return 0
}

/// The same bytes as what the home link reads from SQS: a ReceiveMessage reply (its
/// messages, stamps and attributes), a reply's parts, an error body. Never a trap.
func fuzzLinkMessages(_ input: [UInt8]) {
  let parts = LinkMessage.parts(of: input, limit: 7)
  // Replies are the gateway's own JSON, valid UTF-8: cut between characters, they join back.
  if let text = String(validating: input, as: UTF8.self), parts.joined() != text {
    fatalError("the parts of a reply do not join back to it")
  }
  _ = LinkMessage.functionError(from: String(decoding: input, as: UTF8.self))
  guard let reply = try? JSONParser.parse(input) else { return }
  for entry in reply["Messages"]?.array ?? [reply] {
    guard let message = SQSMessage(json: entry) else { continue }
    _ = message.queuedMilliseconds
    _ = LinkPoller.request(from: message, receivedAt: Clock.wallMilliseconds())
  }
}

@_cdecl("FuzzEvents_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runLibFuzzer(argc, argv) { data, size in fuzzEvents(data, size) }
}
