import JSONCore
import LambdaRuntime

/// The home link's wire format, shared by the function (`HomeLink`) and the bridge
/// (`LinkEventSource`). An SQS message's body is the event or reply JSON itself, as sent
/// by Alexa or written by the gateway; what routes it travels in message attributes.
public enum LinkMessage {
  /// The request's id (the Lambda request id): a reply names the request it answers.
  public static let id = "lee-link-id"
  /// The reply queue of the function instance that waits.
  public static let replyTo = "lee-reply-to"
  /// Milliseconds the bridge has, counted from when SQS accepted the request.
  public static let budget = "lee-budget-ms"
  /// What a message to a reply queue carries (`Kind`).
  public static let kind = "lee-kind"
  /// A reply too big for one message is sent in parts: this one's place (1-based), of how many.
  public static let part = "lee-part"
  public static let parts = "lee-parts"

  public enum Kind: String, Sendable {
    /// The bridge has the request: the function now waits for the reply until its budget.
    case taken
    /// The reply (or one part of it).
    case reply
    /// The gateway failed the event: the body is `{"errorType", "errorMessage"}`.
    case error
  }

  /// If nothing at all (not even `taken`) arrives this long after the request was sent,
  /// the bridge is not polling: the function answers at once (the issue asks for ≤ 2 s).
  public static let pickupMilliseconds = 1000
  /// The bridge runs a request only if SQS handed it out this soon after it was sent: a
  /// later one could meet a function that has already answered "unreachable".
  public static let freshMilliseconds = 700
  /// At most this many bytes of body per message: SQS takes 256 KiB with attributes.
  public static let partBytes = 200_000

  /// `bytes` in parts of at most `limit` bytes, each cut before a UTF-8 lead byte so each
  /// part is text SQS accepts.
  public static func parts(of bytes: [UInt8], limit: Int = partBytes) -> [String] {
    guard bytes.count > limit else { return [String(decoding: bytes, as: UTF8.self)] }
    var parts: [String] = []
    var start = 0
    while start < bytes.count {
      var end = min(start + limit, bytes.count)
      while end < bytes.count, end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
      parts.append(String(decoding: bytes[start..<end], as: UTF8.self))
      start = end
    }
    return parts
  }

  /// The error a reply of kind `error` carries.
  public static func errorBody(_ error: FunctionError) -> String {
    String(decoding: error.jsonBody, as: UTF8.self)
  }

  /// A `FunctionError` back from an `error` body (a body that is not one stays readable).
  public static func functionError(from body: String) -> FunctionError {
    let json = try? JSONParser.parse(Array(body.utf8))
    return FunctionError(
      type: json?["errorType"]?.string ?? "Link.Error",
      message: json?["errorMessage"]?.string ?? String(body.prefix(200)))
  }
}
