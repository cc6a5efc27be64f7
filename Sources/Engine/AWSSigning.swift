#if canImport(Glibc)
  import Glibc
#endif

/// AWS Signature Version 4 for a request, computed here rather than by libcurl: the
/// signed headers are exactly the headers this request sends (libcurl 7.88 also signs an
/// `Expect` header it never sends, and some AWS services reject that).
public struct AWSSigning: Sendable {
  public var region: String
  public var service: String
  public var accessKeyId: String
  public var secretAccessKey: String

  public init(region: String, service: String, accessKeyId: String, secretAccessKey: String) {
    self.region = region
    self.service = service
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
  }

  /// `request` with `Host`, `X-Amz-Date` and `Authorization` added; every header it
  /// carries is signed. `time` is seconds since 1970 (now unless a test says otherwise).
  public func signed(_ request: HTTPRequest, at time: Int = Int(Glibc.time(nil))) -> HTTPRequest {
    let (authority, path, query) = Self.split(request.url)
    let timestamp = Self.timestamp(time)
    let day = String(timestamp.prefix(8))
    var headers = request.headers.filter {
      !["host", "x-amz-date", "authorization"].contains($0.0.lowercased())
    }
    headers.append(("Host", authority))
    headers.append(("X-Amz-Date", timestamp))
    let canonicalHeaders = headers.map { (name: $0.0.lowercased(), value: Self.trimmed($0.1)) }
      .sorted { $0.name < $1.name }
    let signedNames = canonicalHeaders.map(\.name).joined(separator: ";")
    let canonicalRequest = [
      request.method, Self.canonicalPath(path), Self.canonicalQuery(query),
      canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(), signedNames,
      SHA256.hex(SHA256.hash(request.body)),
    ].joined(separator: "\n")
    let scope = "\(day)/\(region)/\(service)/aws4_request"
    let stringToSign = [
      "AWS4-HMAC-SHA256", timestamp, scope, SHA256.hex(SHA256.hash(Array(canonicalRequest.utf8))),
    ].joined(separator: "\n")
    var key = Array("AWS4\(secretAccessKey)".utf8)
    for part in [day, region, service, "aws4_request"] {
      key = SHA256.hmac(key: key, Array(part.utf8))
    }
    let signature = SHA256.hex(SHA256.hmac(key: key, Array(stringToSign.utf8)))
    headers.append(
      (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=\(accessKeyId)/\(scope), SignedHeaders=\(signedNames), Signature=\(signature)"
      ))
    var signed = request
    signed.headers = headers
    signed.signing = nil
    return signed
  }

  /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
  static func timestamp(_ time: Int) -> String {
    var seconds = time_t(time)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ value: Int32, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
      + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
  }

  /// Authority (host and port as sent in `Host`), path and query of an absolute URL.
  static func split(_ url: String) -> (authority: String, path: String, query: String) {
    let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
    let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
    var authority = afterScheme[..<authorityEnd]
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    let rest = afterScheme[authorityEnd...]
    let queryStart = rest.firstIndex(of: "?")
    let path = queryStart.map { rest[..<$0] } ?? rest
    let query = queryStart.map { rest[rest.index(after: $0)...] } ?? ""
    return (String(authority), String(path), String(query))
  }

  static func canonicalPath(_ path: String) -> String {
    guard !path.isEmpty else { return "/" }
    return path.split(separator: "/", omittingEmptySubsequences: false)
      .map { percentEncoded(percentDecoded(String($0))) }.joined(separator: "/")
  }

  static func canonicalQuery(_ query: String) -> String {
    query.split(separator: "&").map { pair -> (String, String) in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = percentEncoded(percentDecoded(String(parts.first ?? "")))
      let value = parts.count > 1 ? percentEncoded(percentDecoded(String(parts[1]))) : ""
      return (name, value)
    }
    .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
    .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
  }

  /// Leading and trailing spaces removed, inner runs of spaces folded to one.
  static func trimmed(_ value: String) -> String {
    value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  /// RFC 3986 unreserved characters pass; everything else is %XX.
  public static func percentEncoded(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
        UInt8(ascii: "."), UInt8(ascii: "~"):
        output.append(byte)
      default:
        output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      let high = iterator.next()
      let low = iterator.next()
      if let high, let low,
        let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
      } else {
        bytes += [byte] + [high, low].compactMap { $0 }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
