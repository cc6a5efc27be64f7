import Engine

/// The secret every push must carry: `HOME_ASSISTANT_PUSH_SECRET`, else the SecureString
/// `PARAMETER_PREFIX/HOME_ASSISTANT_PUSH_SECRET`, remembered (`RememberedParameter`).
///
/// The Function URL is public, so whatever a stranger sends must cost nothing: a lookup
/// that failed is not tried again for a back-off period (30 s, doubling to 5 minutes),
/// during which every push is refused at once with one ERROR line per period; a secret
/// read once stays in use while a later read fails.
final class PushSecret {
  private let configured: String?
  private let fromStore: Bool
  /// A lookup never holds a refusal longer than 0.5 s, even when SSM hangs.
  private let remembered = RememberedParameter<String>(
    backOffSeconds: 30...300, timeoutMilliseconds: 500)

  init(_ settings: HomeAssistantSettings) {
    configured = settings.events?.pushSecret
    fromStore = StoredParameter.pushSecret.isRead(with: settings)
  }

  /// The secret to compare with; nil: every push is refused.
  func value(_ services: Services) -> String? {
    if let configured { return configured }
    guard fromStore else { return nil }
    return remembered.value(
      named: StoredParameter.pushSecret.name(services), services,
      parse: { secret in
        guard secret.count >= AlexaEventsSettings.minimumPushSecretLength else { throw TooShort() }
        return secret
      }
    ) { failure in
      services.logging.error(
        "no usable \(StoredParameter.pushSecret.rawValue) (\(failure.error)): "
          + (failure.keepsValue ? "the last one read stays in use" : "pushes are refused")
          + " for \(failure.retryInSeconds) s")
    }
  }

  struct TooShort: Error, CustomStringConvertible {
    var description: String {
      "it has fewer than \(AlexaEventsSettings.minimumPushSecretLength) characters"
    }
  }
}
