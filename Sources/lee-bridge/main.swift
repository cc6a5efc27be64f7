import Engine
import HomeAssistant
import LambdaRuntime

#if canImport(Glibc)
  import Glibc
#endif

// lee-bridge: the home's end of the home link. It runs next to Home Assistant, connects
// only outbound (to Amazon SQS), and answers the events the function forwards with the
// same gateway and Home Assistant extension as the function, acting as the owner.
//
// Settings come from the environment: HOME_ASSISTANT_URL and HOME_ASSISTANT_TOKEN (on the
// LAN), LINK_QUEUE_URL (the request queue), AWS_REGION, and AWS credentials through the
// standard chain; every other setting of the function applies as well.

let environment = ProcessEnvironment.current()
let log = RuntimeLog(environment: environment)
let userAgent = "\(Product.name)-bridge/\(Product.version) (+libcurl)"

// The queue is the bridge's source, not a place to forward to: the gateway never sees it.
var gatewayEnvironment = environment
gatewayEnvironment["LINK_QUEUE_URL"] = nil

let gateway: Gateway
do {
  gateway = try Gateway(environment: gatewayEnvironment, log: log)
  try HomeAssistantExtension.install(on: gateway, actingAsOwner: true)
} catch {
  log.log(.fatal, "invalid configuration: \(error)")
  exit(2)
}

let source: LinkEventSource
do {
  source = try LinkEventSource(environment: environment, log: log, userAgent: userAgent)
} catch {
  log.log(.fatal, "cannot start: \(error)")
  exit(2)
}
log.log(.info, "lee-bridge \(Product.version) polling \(environment["LINK_QUEUE_URL"] ?? "")")

do {
  try RuntimeLoop(source: source, log: log).run(
    gateway.handle, afterReply: gateway.finishAfterReply)
} catch {
  log.log(.fatal, "giving up on the home link's queue: \(error)")
  exit(1)
}
