import JSONCore
import LambdaRuntime

/// Reads SecureString parameters from AWS SSM Parameter Store, cached with a TTL.
///
/// Through the AWS Parameters and Secrets Lambda Extension on localhost when it runs
/// (cheapest: it caches too), otherwise a direct `GetParameter` signed by libcurl's
/// SigV4 with the function's credentials. Every value read is added to the redactor.
/// Values the function keeps for itself (a token it was granted) are written with a
/// signed `PutParameter` and read back with `freshValue`, past every cache.
public final class ParameterStore {
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case noCredentials
    case http(HTTPClientError)
    case refused(status: Int, body: String)
    case malformed(String)

    /// The parameter does not exist (SSM's ParameterNotFound).
    public var isParameterNotFound: Bool {
      if case .refused(_, let body) = self { return body.contains("ParameterNotFound") }
      return false
    }

    public var description: String {
      switch self {
      case .noCredentials: "no AWS credentials in the environment to call SSM"
      case .http(let error): "SSM unreachable: \(error)"
      case .refused(let status, let body): "SSM answered \(status): \(body)"
      case .malformed(let why): "unexpected SSM reply: \(why)"
      }
    }
  }

  private let http: HTTPClient
  private let cache: Cache
  private let redactor: Redactor
  private let environment: [String: String]
  private let ttlSeconds: Double
  private let region: String
  public let extensionURL: String
  public let directURL: String

  public init(
    http: HTTPClient, cache: Cache, redactor: Redactor, environment: [String: String],
    ttlSeconds: Double, region: String
  ) {
    self.http = http
    self.cache = cache
    self.redactor = redactor
    self.environment = environment
    self.ttlSeconds = ttlSeconds
    self.region = region
    let port = environment["PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"] ?? "2773"
    extensionURL = environment["SSM_EXTENSION_URL"] ?? "http://localhost:\(port)"
    // SSM_ENDPOINT is this function's older name for the SDKs' AWS_ENDPOINT_URL_SSM.
    directURL =
      environment["SSM_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
      ?? AWSEndpoint.url(service: "SSM", host: "ssm", region: region, environment: environment)
  }

  public func value(named name: String, timeoutMilliseconds: Int) throws(Failure) -> String {
    let key = "ssm:" + name
    if let cached = cache.value(for: key, as: String.self) { return cached }
    let value: String
    do {
      value = try viaExtension(name, timeoutMilliseconds: min(timeoutMilliseconds, 1000))
    } catch .http(let error) where error.isConnectionLevel {
      value = try direct(name, timeoutMilliseconds: timeoutMilliseconds)
    }
    redactor.add(value)
    remember(value, for: name)
    return value
  }

  /// `name` as SSM holds it now, read directly (not through the extension's cache nor
  /// ours): for a value another instance may just have rewritten.
  public func freshValue(named name: String, timeoutMilliseconds: Int) throws(Failure) -> String {
    let value = try direct(name, timeoutMilliseconds: timeoutMilliseconds)
    redactor.add(value)
    remember(value, for: name)
    return value
  }

  /// Stores `value` as the SecureString `name` (replacing what was there), encrypted
  /// with `KMS_KEY_ID` when set, else SSM's default key.
  public func put(_ value: String, named name: String, timeoutMilliseconds: Int) throws(Failure) {
    var body = JSONObject([
      ("Name", .string(name)), ("Value", .string(value)), ("Type", "SecureString"),
      ("Overwrite", true),
    ])
    if let key = environment["KMS_KEY_ID"] { body["KeyId"] = .string(key) }
    _ = try send(
      signedRequest("AmazonSSM.PutParameter", JSONWriter().bytes(.object(body))),
      timeoutMilliseconds: timeoutMilliseconds)
    redactor.add(value)
    remember(value, for: name)
  }

  private func remember(_ value: String, for name: String) {
    let key = "ssm:" + name
    cache.set(value, for: key, bytes: value.utf8.count + key.utf8.count, ttlSeconds: ttlSeconds)
  }

  private func viaExtension(_ name: String, timeoutMilliseconds: Int) throws(Failure) -> String {
    guard let sessionToken = environment["AWS_SESSION_TOKEN"] else {
      throw .http(.connect("no session token"))
    }
    let url =
      "\(extensionURL)/systemsmanager/parameters/get?name=\(Self.percentEncoded(name))&withDecryption=true"
    let request = HTTPRequest(url: url, headers: [("X-Aws-Parameters-Secrets-Token", sessionToken)])
    return try parameterValue(send(request, timeoutMilliseconds: timeoutMilliseconds))
  }

  private func direct(_ name: String, timeoutMilliseconds: Int) throws(Failure) -> String {
    let body = JSONWriter().bytes(["Name": .string(name), "WithDecryption": true])
    return try parameterValue(
      send(signedRequest("AmazonSSM.GetParameter", body), timeoutMilliseconds: timeoutMilliseconds))
  }

  /// An SSM API call signed with the function's credentials.
  private func signedRequest(_ target: String, _ body: [UInt8]) throws(Failure) -> HTTPRequest {
    guard let credentials = AWSCredentials.fromEnvironment(environment) else {
      throw .noCredentials
    }
    return credentials.jsonRequest(
      url: directURL, target: target, protocolVersion: "1.1", body: body, region: region,
      service: "ssm")
  }

  private func send(_ request: HTTPRequest, timeoutMilliseconds: Int) throws(Failure)
    -> HTTPResponse
  {
    let response: HTTPResponse
    do {
      response = try http.send(request, timeoutMilliseconds: timeoutMilliseconds)
    } catch {
      throw .http(error)
    }
    guard response.status == 200 else {
      throw .refused(
        status: response.status, body: String(decoding: response.body.prefix(200), as: UTF8.self))
    }
    return response
  }

  private func parameterValue(_ response: HTTPResponse) throws(Failure) -> String {
    guard let reply = try? JSONParser.parse(response.body),
      let value = reply["Parameter"]?["Value"]?.string
    else {
      throw .malformed("no Parameter.Value")
    }
    return value
  }

  static func percentEncoded(_ text: String) -> String { AWSSigning.percentEncoded(text) }
}
