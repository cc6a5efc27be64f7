#if canImport(Glibc)
  import Glibc
#endif

/// Static AWS credentials, found the way the AWS SDKs look for them (the "standard
/// chain"), for the processes that run outside Lambda (the home link's bridge):
/// the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
/// then the profile `AWS_PROFILE` (else `default`) in the shared credentials file
/// (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), then in the config file
/// (`AWS_CONFIG_FILE`, else `~/.aws/config`, section `[profile name]`).
///
/// Source: docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html.
/// Single sign-on and instance roles are not read: the bridge runs on a home machine
/// with the access key of its own identity, which can do nothing but the link's work.
public struct AWSCredentials: Sendable, Equatable {
  public var accessKeyId: String
  public var secretAccessKey: String
  public var sessionToken: String?

  public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
  }

  /// The first credentials the chain finds, or nil.
  public static func resolve(environment: [String: String]) -> AWSCredentials? {
    if let found = fromEnvironment(environment) { return found }
    let profile = nonEmpty(environment["AWS_PROFILE"]) ?? "default"
    let home = environment["HOME"] ?? ""
    let credentialsFile =
      nonEmpty(environment["AWS_SHARED_CREDENTIALS_FILE"]) ?? home + "/.aws/credentials"
    if let found = fromFile(credentialsFile, section: profile) { return found }
    let configFile = nonEmpty(environment["AWS_CONFIG_FILE"]) ?? home + "/.aws/config"
    return fromFile(configFile, section: profile == "default" ? "default" : "profile " + profile)
  }

  /// The chain's first link alone: what Lambda gives a function (its role's session).
  public static func fromEnvironment(_ environment: [String: String]) -> AWSCredentials? {
    guard let key = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
      let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"])
    else { return nil }
    return AWSCredentials(
      accessKeyId: key, secretAccessKey: secret,
      sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]))
  }

  /// A call in the AWS JSON protocol (`POST`, `X-Amz-Target`, JSON `protocolVersion`
  /// 1.0 or 1.1), signed with these credentials (and carrying the session's token).
  func jsonRequest(
    url: String, target: String, protocolVersion: String, body: [UInt8], region: String,
    service: String
  ) -> HTTPRequest {
    var headers = [
      ("Content-Type", "application/x-amz-json-" + protocolVersion), ("X-Amz-Target", target),
    ]
    if let sessionToken { headers.append(("X-Amz-Security-Token", sessionToken)) }
    return HTTPRequest(
      method: "POST", url: url, headers: headers, body: body,
      signing: AWSSigning(
        region: region, service: service, accessKeyId: accessKeyId,
        secretAccessKey: secretAccessKey))
  }

  /// The keys of `section` in an INI file the SDKs share, if it names both.
  static func fromFile(_ path: String, section: String) -> AWSCredentials? {
    guard let text = readText(path) else { return nil }
    let values = iniSection(text, named: section)
    guard let key = nonEmpty(values["aws_access_key_id"]),
      let secret = nonEmpty(values["aws_secret_access_key"])
    else { return nil }
    return AWSCredentials(
      accessKeyId: key, secretAccessKey: secret, sessionToken: nonEmpty(values["aws_session_token"])
    )
  }

  /// `key = value` lines of one `[section]`; `#` and `;` start comments.
  static func iniSection(_ text: String, named name: String) -> [String: String] {
    var values: [String: String] = [:]
    var inSection = false
    for rawLine in text.split(whereSeparator: \.isNewline) {
      let line = String(rawLine).trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("[") && line.hasSuffix("]") {
        inSection = String(line.dropFirst().dropLast()).trimmingWhitespace() == name
        continue
      }
      guard inSection, let equals = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<equals]).trimmingWhitespace().lowercased()
      values[key] = String(line[line.index(after: equals)...]).trimmingWhitespace()
    }
    return values
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
  }

  /// A small text file, whole (nil when it cannot be read or is over 1 MiB).
  private static func readText(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count <= 1 << 20 {
      let count = fread(&chunk, 1, chunk.count, file)
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes.count <= 1 << 20 ? String(decoding: bytes, as: UTF8.self) : nil
  }
}
