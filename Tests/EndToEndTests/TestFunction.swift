import LambdaEmulator

/// The function under lambda-local for the end-to-end suites, started and waiting for
/// events: exactly `environment` (plus Lambda's own variables), the given timeout, and its
/// output in `logPath` when one is given.
enum TestFunction {
  static func start(
    _ environment: [String: String], bootstrap: String = Binaries.bootstrap,
    timeout: Double = 8, logPath: String? = nil
  ) throws -> LocalLambda {
    var configuration = FunctionConfiguration(bootstrapPath: bootstrap)
    configuration.environment = environment
    configuration.timeoutSeconds = timeout
    configuration.logPath = logPath
    let lambda = LocalLambda(configuration: configuration, report: { _ in })
    try lambda.start()
    return lambda
  }
}
