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

  /// Reads the `Lambda-Runtime-*` headers of a `GET …/invocation/next` reply.
  init(response: HTTPMessage) throws(RuntimeClientError) {
    guard let requestId = response.header("Lambda-Runtime-Aws-Request-Id"), !requestId.isEmpty
    else {
      throw .malformedInvocation("no Lambda-Runtime-Aws-Request-Id header")
    }
    guard RuntimeClient.isSafePathSegment(requestId) else {
      throw .malformedInvocation("request id is not a safe path segment")
    }
    let deadline = response.headerNumber("Lambda-Runtime-Deadline-Ms")
    self.init(
      requestId: requestId,
      deadlineMilliseconds: deadline ?? Clock.wallMilliseconds() + 3000,
      invokedFunctionArn: response.header("Lambda-Runtime-Invoked-Function-Arn") ?? "",
      traceId: response.header("Lambda-Runtime-Trace-Id"),
      clientContext: response.header("Lambda-Runtime-Client-Context"),
      cognitoIdentity: response.header("Lambda-Runtime-Cognito-Identity"),
      body: response.body)
  }

  /// Milliseconds left before Lambda's deadline (negative once it has passed).
  public var remainingMilliseconds: Int64 { deadlineMilliseconds - Clock.wallMilliseconds() }
}
