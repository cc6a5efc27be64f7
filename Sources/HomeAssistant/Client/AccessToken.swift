import JSONCore

/// The bearer token Alexa sends with a directive after account linking.
enum AccessToken {
  /// `endpoint.scope` (control, ReportState), `payload.scope` (Discovery) or
  /// `payload.grantee` (AcceptGrant), in that order.
  static func fromEvent(_ event: JSON) -> String? {
    let directive = event["directive"]
    let candidates = [
      directive?["endpoint"]?["scope"], directive?["payload"]?["scope"],
      directive?["payload"]?["grantee"],
    ]
    for scope in candidates {
      if let token = scope?["token"]?.string, !token.isEmpty { return token }
    }
    return nil
  }
}
