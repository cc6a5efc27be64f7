/// One event from the Runtime API, with the metadata Lambda sends in headers.
public struct Invocation: Sendable {
  public let requestId: String
  /// When Lambda will stop the function, in milliseconds since the Unix epoch.
  public let deadlineMilliseconds: Int64
  public let invokedFunctionArn: String
  public let traceId: String?
  public let clientContext: String?
  public let cognitoIdentity: String?
  public let body: [UInt8]

  public init(
    requestId: String, deadlineMilliseconds: Int64, invokedFunctionArn: String = "",
    traceId: String? = nil, clientContext: String? = nil, cognitoIdentity: String? = nil,
    body: [UInt8]
  ) {
    self.requestId = requestId
    self.deadlineMilliseconds = deadlineMilliseconds
    self.invokedFunctionArn = invokedFunctionArn
    self.traceId = traceId
    self.clientContext = clientContext
    self.cognitoIdentity = cognitoIdentity
    self.body = body
  }

  /// The `Lambda-Runtime-*` headers a `GET …/invocation/next` reply carries, in the order
  /// `init(response:knownArn:)` reads them.
  private static let headerNames: [StaticString] = [
    "Lambda-Runtime-Aws-Request-Id", "Lambda-Runtime-Deadline-Ms",
    "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id",
    "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity",
  ]

  /// Reads the `Lambda-Runtime-*` headers of a `GET …/invocation/next` reply, in one pass.
  /// `knownArn`: the previous invocation's function ARN, kept when this one's is the same
  /// (it always is, but for an alias), so no new string is made for it.
  init(response: HTTPMessage, knownArn: String? = nil) throws(RuntimeClientError) {
    let found = response.fields(named: Self.headerNames)
    guard let idField = found[0] else {
      throw .malformedInvocation("no Lambda-Runtime-Aws-Request-Id header")
    }
    let requestId = response.value(idField)
    guard !requestId.isEmpty else {
      throw .malformedInvocation("no Lambda-Runtime-Aws-Request-Id header")
    }
    guard RuntimeClient.isSafePathSegment(requestId) else {
      throw .malformedInvocation("request id is not a safe path segment")
    }
    let deadline = found[1].flatMap(response.number)
    var arn = ""
    if let arnField = found[2] {
      if let knownArn, response.value(arnField, equals: knownArn) {
        arn = knownArn
      } else {
        arn = response.value(arnField)
      }
    }
    self.init(
      requestId: requestId,
      deadlineMilliseconds: deadline ?? Clock.wallMilliseconds() + 3000,
      invokedFunctionArn: arn, traceId: found[3].map(response.value),
      clientContext: found[4].map(response.value), cognitoIdentity: found[5].map(response.value),
      body: response.body)
  }

  /// Milliseconds left before Lambda's deadline (negative once it has passed).
  public var remainingMilliseconds: Int64 { deadlineMilliseconds - Clock.wallMilliseconds() }
}
