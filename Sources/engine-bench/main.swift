import Engine
import JSONCore
import LambdaRuntime

#if canImport(Glibc)
  import Glibc
#endif

// engine-bench: CPU per invocation of the gateway itself, in-process, with no Runtime API
// (and, with `home-assistant URL TOKEN`, the Alexa figures against a real Home Assistant).
// Prints JSON: medians over ROUNDS of N invocations of
//   bare      a handler that returns fixed bytes (the floor),
//   ping      the gateway answering {"action":"ping"},
//   cacheHit  the gateway routing a directive to a handler that answers from the cache,
//   wideObject  parsing a 1 MB event that is one object of 90,000 keys (milliseconds).

func threadCPUNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Wall milliseconds `body` took.
func wallMilliseconds(_ body: () throws -> Void) rethrows -> Double {
  let start = Clock.monotonicNanoseconds()
  try body()
  return Double(Clock.monotonicNanoseconds() - start) / 1e6
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let arguments = CommandLine.arguments

// engine-bench home-assistant URL TOKEN [SAMPLES [discovery]]: the Home Assistant figures.
if arguments.count >= 4, arguments[1] == "home-assistant" {
  let savedStdout = dup(1)
  let devNull = open("/dev/null", O_WRONLY)
  dup2(devNull, 1)
  let samples = arguments.count > 4 ? Int(arguments[4]) ?? 200 : 200
  let bench = HomeAssistantBench(url: arguments[2], token: arguments[3], samples: samples)
  // `discovery` after SAMPLES measures only the translation (for profiling).
  do {
    let figures: JSON =
      arguments.count > 5 && arguments[5] == "discovery"
      ? ["discover300CpuMs": .number(try bench.discoveryCPU())] : try bench.figures()
    dup2(savedStdout, 1)
    print(JSONWriter().string(figures))
    exit(0)
  } catch {
    let message = "engine-bench: Home Assistant at \(arguments[2]) failed: \(error)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
  }
}

let invocationsPerRound = arguments.count > 1 ? Int(arguments[1]) ?? 20000 : 20000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7

// EMF lines go to stdout; keep them out of the figures' output.
let devNull = open("/dev/null", O_WRONLY)
let savedStdout = dup(1)
dup2(devNull, 1)

let log = RuntimeLog(format: .json, threshold: .error)
let gateway = try Gateway(environment: ["AWS_LAMBDA_FUNCTION_NAME": "bench"], log: log)
try gateway.install { table in
  table.register(.smartHome(namespace: "Alexa", name: "ReportState")) { context, gateway in
    let key = context.event["directive"]?["endpoint"]?["endpointId"]?.string ?? ""
    if let cached = gateway.services.cache.value(for: key, as: JSON.self) { return .json(cached) }
    return .json(["miss": true])
  }
}
gateway.services.cache.set(
  ["state": "on"] as JSON, for: "light#kitchen", bytes: 64, ttlSeconds: 3600)

func invocation(_ body: String) -> Invocation {
  Invocation(
    requestId: "bench", deadlineMilliseconds: Clock.wallMilliseconds() + 3_600_000,
    body: Array(body.utf8))
}
let ping = invocation(#"{"action":"ping"}"#)
let directive = invocation(
  #"{"directive":{"header":{"namespace":"Alexa","name":"ReportState","payloadVersion":"3","messageId":"m","correlationToken":"c"},"endpoint":{"endpointId":"light#kitchen","scope":{"type":"BearerToken","token":"t"}},"payload":{}}}"#
)
let fixed = Array(#"{"ok":true}"#.utf8)

func measure(_ body: () throws -> [UInt8]) rethrows -> Double {
  var perRound: [Double] = []
  for _ in 0..<rounds {
    let start = threadCPUNanoseconds()
    var sink = 0
    for _ in 0..<invocationsPerRound { sink &+= try body().count }
    let elapsed = threadCPUNanoseconds() - start
    if sink == 42 { print("") }
    perRound.append(Double(elapsed) / Double(invocationsPerRound) / 1000)
  }
  return median(perRound)
}

/// Median wall milliseconds to parse one object of 90,000 keys (about 1 MB).
func wideObjectMilliseconds() throws -> Double {
  var text = "{"
  for index in 0..<90_000 { text += "\"sensor.k\(index)\":\(index)," }
  text.removeLast()
  let bytes = Array((text + "}").utf8)
  var samples: [Double] = []
  for _ in 0..<7 {
    let start = Clock.monotonicNanoseconds()
    let parsed = try JSONParser.parse(bytes, maximumDepth: 64)
    samples.append(Double(Clock.monotonicNanoseconds() - start) / 1e6)
    if parsed.object?.count != 90_000 { print("") }
  }
  return median(samples)
}

let bare = measure { fixed }
let pingCost = try measure { try gateway.handle(ping) }
let cacheHit = try measure { try gateway.handle(directive) }

dup2(savedStdout, 1)
print(
  JSONWriter().string([
    "bareMicroseconds": .number(bare), "pingMicroseconds": .number(pingCost),
    "cacheHitMicroseconds": .number(cacheHit),
    "wideObjectMilliseconds": .number(try wideObjectMilliseconds()),
    "invocationsPerRound": JSON(invocationsPerRound),
    "rounds": JSON(rounds),
  ]))
