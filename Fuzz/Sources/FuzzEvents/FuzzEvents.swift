import FuzzSupport
import JSONCore

@testable import Engine

/// Any bytes as a Lambda event: the classifier must parse or reject them, never crash;
/// what it accepts must survive a round trip through the writer, and a Function URL
/// request (its base64 body too) must decode or be refused.
func fuzzEvents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = bytes(data, size)
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

@_cdecl("FuzzEvents_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runLibFuzzer(argc, argv) { data, size in fuzzEvents(data, size) }
}
