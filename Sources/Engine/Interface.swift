/// The core services the gateway offers handlers; each is built on first use and then
/// kept for the life of the process. `link` (the home link's queues) exists only in link
/// mode (`LINK_QUEUE_URL`).
public enum Interface: String, CaseIterable, Sendable {
  case config, logging, security, metrics, cache, circuitBreaker, http, link
}
