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

  /// Reads the `Lambda-Runtime-*` headers of a `GET …/invocation/next` reply, in one pass.
  /// `knownArn`: the previous invocation's function ARN, kept when this one's is the same
  /// (it always is, but for an alias), so no new string is made for it.
  init(response: HTTPMessage, knownArn: String? = nil) throws(RuntimeClientError) {
    typealias Field = HTTPMessage.Field
    var id: Field?
    var deadline: Field?
    var arn: Field?
    var trace: Field?
    var context: Field?
    var identity: Field?
    response.forEachField { name, field in
      // The first of each name counts; a length differs before any byte is compared.
      if HTTPMessage.isNamed(name, "Lambda-Runtime-Aws-Request-Id") {
        id = id ?? field
      } else if HTTPMessage.isNamed(name, "Lambda-Runtime-Deadline-Ms") {
        deadline = deadline ?? field
      } else if HTTPMessage.isNamed(name, "Lambda-Runtime-Invoked-Function-Arn") {
        arn = arn ?? field
      } else if HTTPMessage.isNamed(name, "Lambda-Runtime-Trace-Id") {
        trace = trace ?? field
      } else if HTTPMessage.isNamed(name, "Lambda-Runtime-Client-Context") {
        context = context ?? field
      } else if HTTPMessage.isNamed(name, "Lambda-Runtime-Cognito-Identity") {
        identity = identity ?? field
      }
    }
    guard let id else { throw .malformedInvocation("no Lambda-Runtime-Aws-Request-Id header") }
    let requestId = response.value(id)
    guard !requestId.isEmpty else {
      throw .malformedInvocation("no Lambda-Runtime-Aws-Request-Id header")
    }
    guard RuntimeClient.isSafePathSegment(requestId) else {
      throw .malformedInvocation("request id is not a safe path segment")
    }
    var functionArn = ""
    if let arn {
      if let knownArn, response.value(arn, equals: knownArn) {
        functionArn = knownArn
      } else {
        functionArn = response.value(arn)
      }
    }
    self.init(
      requestId: requestId,
      deadlineMilliseconds: deadline.flatMap(response.number) ?? Clock.wallMilliseconds() + 3000,
      invokedFunctionArn: functionArn, traceId: trace.map(response.value),
      clientContext: context.map(response.value), cognitoIdentity: identity.map(response.value),
      body: response.body)
  }

  /// Milliseconds left before Lambda's deadline (negative once it has passed).
  public var remainingMilliseconds: Int64 { deadlineMilliseconds - Clock.wallMilliseconds() }
}
