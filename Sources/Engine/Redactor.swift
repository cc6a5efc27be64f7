import JSONCore

/// Removes secrets from anything that may be logged or returned: known secret values,
/// `Bearer …` credentials, and the values of JSON members with credential-like names.
public final class Redactor {
  public static let mask = "[REDACTED]"
  /// Member names whose values are always secret, folded (lowercased, without `_` and `-`)
  /// so `access_token`, `accessToken` (custom-skill requests) and `Access-Token`
  /// all match.
  public static let sensitiveKeys: Set<String> = [
    "token", "accesstoken", "apiaccesstoken", "refreshtoken", "consenttoken", "sessiontoken",
    "authorization", "password", "secret", "code", "clientsecret",
    "xawsparameterssecretstoken", "xamzsecuritytoken", "awssecretaccesskey",
  ]

  /// `key` as `sensitiveKeys` holds names.
  static func folded(_ key: String) -> String {
    String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" }.map(Character.init))
  }
  private var secrets: [String] = []

  public init(secrets: [String?] = []) {
    for secret in secrets { add(secret) }
  }

  /// Adds a value that must never appear in output (e.g. a token fetched from SSM).
  public func add(_ secret: String?) {
    guard let secret, secret.utf8.count >= 4, !secrets.contains(secret) else { return }
    secrets.append(secret)
    secrets.sort { $0.utf8.count > $1.utf8.count }  // longest first, so no fragment survives
  }

  public func redact(_ text: String) -> String {
    var result = text
    for secret in secrets where result.contains(secret) {
      result = result.replacing(secret, with: Self.mask)
    }
    return redactBearer(result)
  }

  public func redact(_ value: JSON) -> JSON {
    switch value {
    case .string(let text): return .string(redact(text))
    case .array(let items): return .array(items.map(redact))
    case .object(let object):
      var copy = JSONObject()
      for (key, member) in object {
        let sensitive = Self.sensitiveKeys.contains(Self.folded(key)) && !member.isNull
        copy.appendUnique(key, sensitive ? .string(Self.mask) : redact(member))
      }
      return .object(copy)
    default: return value
    }
  }

  /// `Bearer abc.def` → `Bearer [REDACTED]`, case-insensitively.
  private func redactBearer(_ text: String) -> String {
    guard text.contains("Bearer ") || text.contains("bearer ") else { return text }
    var output = ""
    var rest = Substring(text)
    while let range = rest.firstRange(of: "Bearer ") ?? rest.firstRange(of: "bearer ") {
      output += rest[..<range.upperBound]
      output += Self.mask
      rest = rest[range.upperBound...].drop(while: {
        !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != ","
      })
    }
    return output + rest
  }
}
