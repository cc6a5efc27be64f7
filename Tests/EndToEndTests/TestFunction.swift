import LambdaEmulator
import TestSupport

/// The function under lambda-local for the end-to-end suites, started and waiting for
/// events: `environment` over `localRun` (plus Lambda's own variables), the given timeout,
/// and its output in `logPath` when one is given. An `AWS_REGION` in `environment` is the
/// region lambda-local says the function runs in (Lambda's own variable, otherwise
/// us-east-1).
enum TestFunction {
  /// What `scripts/invoke.sh` sets for local runs: the test events carry no linked token,
  /// so the owner's stands in, and they come from the sample skill id.
  static let localRun = [
    "ALLOW_OWNER_TOKEN_FALLBACK": "true", "ALEXA_SKILL_ID": SkillEvent.skillId,
  ]

  static func start(
    _ environment: [String: String], bootstrap: String = Binaries.bootstrap,
    timeout: Double = 8, logPath: String? = nil
  ) throws -> LocalLambda {
    var configuration = FunctionConfiguration(bootstrapPath: bootstrap)
    configuration.environment = localRun.merging(environment) { $1 }
    if let region = environment["AWS_REGION"] { configuration.region = region }
    configuration.timeoutSeconds = timeout
    configuration.logPath = logPath
    let lambda = LocalLambda(configuration: configuration, report: { _ in })
    try lambda.start()
    return lambda
  }
}
