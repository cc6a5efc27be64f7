import Foundation

/// The Python that test fixtures run under: the project's test environment (.tools/test,
/// made by scripts/setup.sh with jsonschema and botocore), so the tests never depend on
/// what the system's Python happens to have.
public enum TestPython {
  public static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static let executable: URL = {
    let environment = ProcessInfo.processInfo.environment
    if let configured = environment["LEE_TEST_PYTHON"], !configured.isEmpty {
      return URL(fileURLWithPath: configured)
    }
    return repositoryRoot.appendingPathComponent(".tools/test/bin/python")
  }()

  /// A process that runs `script` with `arguments` under the test Python.
  public static func process(_ script: String, _ arguments: [String] = []) -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = [script] + arguments
    return process
  }
}
