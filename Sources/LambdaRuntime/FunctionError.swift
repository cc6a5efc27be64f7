import JSONCore

/// An error reported to Lambda for one invocation (or for init), as `{errorMessage, errorType}`.
public struct FunctionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let errorType: String
  public let errorMessage: String

  public init(type: String, message: String) {
    errorType = type
    errorMessage = message
  }

  /// Wraps any thrown error: its type name becomes `errorType`.
  public init(wrapping error: any Error) {
    if let functionError = error as? FunctionError {
      self = functionError
    } else {
      self.init(type: String(describing: Swift.type(of: error)), message: String(describing: error))
    }
  }

  public var description: String { "\(errorType): \(errorMessage)" }

  /// The body the Runtime API expects on `…/error` and `…/init/error`.
  public var jsonBody: [UInt8] {
    JSONWriter().bytes([
      "errorMessage": .string(errorMessage), "errorType": .string(errorType), "stackTrace": [],
    ])
  }
}
