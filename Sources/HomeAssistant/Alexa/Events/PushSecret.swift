import Engine
import LambdaRuntime

/// The secret every push must carry: `HOME_ASSISTANT_PUSH_SECRET`, else the SecureString
/// `PARAMETER_PREFIX/HOME_ASSISTANT_PUSH_SECRET`, remembered for the parameter TTL.
///
/// The Function URL is public, so whatever a stranger sends must cost nothing: a lookup
/// that failed is not tried again for a back-off period (30 s, doubling to 5 minutes),
/// during which every push is refused at once with one ERROR line per period; a secret
/// read once stays in use while a later read fails. One per install, used by the runtime
/// loop's thread only.
final class PushSecret {
  private let configured: String?
  private let fromStore: Bool
  private var known: String?
  /// Monotonic nanoseconds: when `known` is due to be read again, and when a failed
  /// lookup may be tried again.
  private var freshUntil: UInt64 = 0
  private var retryAt: UInt64 = 0
  private var backOffSeconds = PushSecret.firstBackOffSeconds

  static let firstBackOffSeconds = 30
  static let longestBackOffSeconds = 300
  /// A lookup never holds a refusal longer than this, even when SSM hangs.
  static let lookupTimeoutMilliseconds = 500

  init(_ settings: HomeAssistantSettings) {
    configured = settings.events?.pushSecret
    fromStore = StoredParameter.pushSecret.isRead(with: settings)
  }

  /// The secret to compare with; nil: every push is refused.
  func value(_ services: Services) -> String? {
    if let configured { return configured }
    guard fromStore else { return nil }
    let now = Clock.monotonicNanoseconds()
    if known != nil, now < freshUntil { return known }
    guard now >= retryAt else { return known }
    do {
      let secret = try services.parameterStore.value(
        named: StoredParameter.pushSecret.name(services),
        timeoutMilliseconds: Self.lookupTimeoutMilliseconds)
      guard secret.count >= AlexaEventsSettings.minimumPushSecretLength else {
        throw TooShort()
      }
      known = secret
      freshUntil = now + UInt64(services.config.parameterTTLSeconds * 1e9)
      backOffSeconds = Self.firstBackOffSeconds
    } catch {
      retryAt = Clock.monotonicNanoseconds() + UInt64(backOffSeconds) * 1_000_000_000
      services.logging.error(
        "no usable \(StoredParameter.pushSecret.rawValue) (\(error)): "
          + (known == nil ? "pushes are refused" : "the last one read stays in use")
          + " for \(backOffSeconds) s")
      backOffSeconds = min(backOffSeconds * 2, Self.longestBackOffSeconds)
    }
    return known
  }

  struct TooShort: Error, CustomStringConvertible {
    var description: String {
      "it has fewer than \(AlexaEventsSettings.minimumPushSecretLength) characters"
    }
  }
}
