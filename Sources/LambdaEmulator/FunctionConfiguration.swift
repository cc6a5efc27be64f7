import Foundation

/// The function the emulator runs, with the settings real Lambda would give it.
public struct FunctionConfiguration: Sendable {
  public var bootstrapPath: String
  public var functionName = "lee-swift"
  public var memorySizeMB = 128
  public var timeoutSeconds: Double = 8
  /// Lambda allows init up to 10 s before it fails the invocation.
  public var initTimeoutSeconds: Double = 10
  public var region = "us-east-1"
  /// 0 picks a free port (one-shot mode); the server mode defaults to 9001.
  public var runtimeAPIPort: UInt16 = 0
  /// Where the runtime's stdout and stderr go (appended); nil: the emulator's stderr.
  public var logPath: String? = nil
  /// The caller's own variables, passed on to the function.
  public var environment: [String: String] = ProcessInfo.processInfo.environment

  public init(bootstrapPath: String) { self.bootstrapPath = bootstrapPath }

  /// The environment Lambda gives a `provided.al2` function, over the caller's variables.
  func runtimeEnvironment(runtimeAPI: String) -> [String: String] {
    var result = environment
    let lambda: [String: String] = [
      "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
      "AWS_LAMBDA_FUNCTION_NAME": functionName,
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(memorySizeMB),
      "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
      "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(functionName)",
      "AWS_LAMBDA_LOG_STREAM_NAME": "local",
      "AWS_REGION": region,
      "AWS_DEFAULT_REGION": region,
      "AWS_EXECUTION_ENV": "AWS_Lambda_provided.al2",
      "_HANDLER": "bootstrap",
      "LAMBDA_TASK_ROOT": (bootstrapPath as NSString).deletingLastPathComponent,
      "TZ": ":UTC",
    ]
    for (key, value) in lambda { result[key] = value }
    return result
  }

  var functionArn: String { "arn:aws:lambda:\(region):000000000000:function:\(functionName)" }
}
