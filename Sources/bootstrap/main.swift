import Engine
import HomeAssistant
import LambdaRuntime

#if canImport(Glibc)
  import Glibc
#endif

// Wires the runtime loop, the gateway and the Home Assistant extension. Nothing else.

let environment = ProcessEnvironment.current()
let log = RuntimeLog(environment: environment)

let client: RuntimeClient
do {
  client = try RuntimeClient(environment: environment)
} catch {
  log.log(.fatal, "cannot start: \(error)")
  exit(1)
}

let gateway: Gateway
do {
  gateway = try Gateway(environment: environment, log: log)
} catch {
  // Lambda fails the pending invocation with this message, then restarts the environment.
  log.log(.fatal, "invalid configuration: \(error)")
  try? client.postInitError(
    FunctionError(type: "Runtime.InvalidConfiguration", message: "\(error)"))
  exit(1)
}
do {
  try HomeAssistantExtension.install(on: gateway)
} catch {
  let type = error is ConfigurationError ? "Runtime.InvalidConfiguration" : "Runtime.InvalidRoutes"
  log.log(.fatal, "cannot start: \(error)")
  try? client.postInitError(FunctionError(type: type, message: "\(error)"))
  exit(1)
}

do {
  try RuntimeLoop(source: client, log: log).run(
    gateway.handle, afterReply: gateway.finishAfterReply)
} catch {
  log.log(
    .fatal, "giving up on the Runtime API, exiting so Lambda restarts the environment: \(error)")
  exit(1)
}
