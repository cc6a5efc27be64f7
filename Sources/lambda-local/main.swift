import Foundation
import JSONCore
import LambdaEmulator

// lambda-local: run the bootstrap under a local Lambda service.

let usage = """
  usage: lambda-local invoke [options] FILE|- [FILE ...]   run events, print replies on stdout
         lambda-local serve  [options]                     Runtime API + invoke endpoint
         lambda-local bench  [options] FILE                cold-start and warm-CPU figures (JSON)
         lambda-local soak   [options] FILE [FILE ...]     RSS and descriptors over many invocations (JSON)
  options:
    --bootstrap PATH     the runtime executable (default: bootstrap beside lambda-local)
    --timeout SECONDS    function timeout (default 8)
    --memory MB          memory size reported to the function (default 128)
    --port PORT          Runtime API port (serve: 9001, otherwise a free port)
    --invoke-port PORT   invoke endpoint port for serve (default 8080)
    --url-port PORT      serve: also a Function URL on this port (HTTP in, payload 2.0 event)
    --pretty             pretty-print JSON replies (invoke)
    --cold N --warm N --rounds N   bench sizes (default 20, 2000, 5)
    --invocations N --samples N    soak sizes (default 100000, 20)
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("lambda-local: \(message)\n".utf8))
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail(usage) }
arguments.removeFirst()

let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  .deletingLastPathComponent()
var configuration = FunctionConfiguration(
  bootstrapPath: executableDirectory.appendingPathComponent("bootstrap").path)
var invokePort: UInt16 = 8080
var urlPort: UInt16?
var port: UInt16?
var pretty = false
var benchmark = ColdWarmBenchmark()
var soak = Soak()
var files: [String] = []

while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  func value() -> String {
    guard !arguments.isEmpty else { fail("\(argument) needs a value") }
    return arguments.removeFirst()
  }
  func number<T: LosslessStringConvertible>(_: T.Type) -> T {
    let text = value()
    guard let parsed = T(text) else { fail("\(argument): '\(text)' is not a number") }
    return parsed
  }
  switch argument {
  case "--bootstrap": configuration.bootstrapPath = value()
  case "--timeout": configuration.timeoutSeconds = number(Double.self)
  case "--memory": configuration.memorySizeMB = number(Int.self)
  case "--port": port = number(UInt16.self)
  case "--invoke-port": invokePort = number(UInt16.self)
  case "--url-port": urlPort = number(UInt16.self)
  case "--pretty": pretty = true
  case "--cold": benchmark.coldStarts = number(Int.self)
  case "--warm": benchmark.warmInvocationsPerRound = number(Int.self)
  case "--rounds": benchmark.warmRounds = number(Int.self)
  case "--invocations": soak.invocations = number(Int.self)
  case "--samples": soak.samples = number(Int.self)
  case "-h", "--help":
    print(usage)
    exit(0)
  default:
    if argument.hasPrefix("--") { fail("unknown option \(argument)\n\(usage)") }
    files.append(argument)
  }
}

guard FileManager.default.isExecutableFile(atPath: configuration.bootstrapPath) else {
  fail("no executable bootstrap at \(configuration.bootstrapPath) (build it, or pass --bootstrap)")
}

func readEvent(_ name: String) -> [UInt8] {
  if name == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
  guard let data = FileManager.default.contents(atPath: name) else { fail("cannot read \(name)") }
  return Array(data)
}

signal(SIGPIPE, SIG_IGN)

switch command {
case "invoke":
  guard !files.isEmpty else { fail("invoke needs an event file or -") }
  configuration.runtimeAPIPort = port ?? 0
  let lambda = LocalLambda(configuration: configuration)
  do { try lambda.start() } catch { fail("cannot start the Runtime API: \(error)") }
  var failed = false
  for file in files {
    let result = lambda.invoke(readEvent(file))
    failed = failed || result.isError
    var output = result.body
    if pretty, let parsed = try? JSONParser.parse(result.body, maximumDepth: 512) {
      output = JSONWriter(pretty: true).bytes(parsed)
    }
    output.append(UInt8(ascii: "\n"))
    FileHandle.standardOutput.write(Data(output))
  }
  lambda.shutdown()
  exit(failed ? 1 : 0)

case "serve":
  configuration.runtimeAPIPort = port ?? 9001
  let lambda = LocalLambda(configuration: configuration)
  do {
    let runtimePort = try lambda.start()
    _ = try InvokeEndpoint.serve(lambda, port: invokePort)
    FileHandle.standardError.write(
      Data(
        ("lambda-local: Runtime API on 127.0.0.1:\(runtimePort); invoke with "
          + "POST http://127.0.0.1:\(invokePort)\(InvokeEndpoint.path)\n").utf8))
    if let urlPort {
      let server = try FunctionURLEndpoint.serve(lambda, port: urlPort)
      FileHandle.standardError.write(
        Data("lambda-local: Function URL on http://127.0.0.1:\(server.port)/\n".utf8))
    }
  } catch {
    fail("cannot listen: \(error)")
  }
  signal(SIGINT) { _ in exit(0) }
  signal(SIGTERM) { _ in exit(0) }
  while true { pause() }

case "bench":
  guard files.count == 1 else { fail("bench needs one event file") }
  configuration.runtimeAPIPort = port ?? 0
  let lambda = LocalLambda(configuration: configuration, report: { _ in })
  do {
    try lambda.start()
    let figures = try benchmark.run(lambda, event: readEvent(files[0]))
    lambda.shutdown()
    print(JSONWriter().string(figures))
  } catch {
    lambda.shutdown()
    fail("\(error)")
  }

case "soak":
  guard !files.isEmpty else { fail("soak needs event files") }
  soak.warmUp = min(soak.warmUp, soak.invocations / 10)
  configuration.runtimeAPIPort = port ?? 0
  configuration.logPath = configuration.logPath ?? "/dev/null"  // 100,000 EMF lines otherwise
  let lambda = LocalLambda(configuration: configuration, report: { _ in })
  do {
    try lambda.start()
    let figures = try soak.run(lambda, events: files.map(readEvent))
    lambda.shutdown()
    print(JSONWriter().string(figures))
  } catch {
    lambda.shutdown()
    fail("\(error)")
  }

default:
  fail("unknown command '\(command)'\n\(usage)")
}
