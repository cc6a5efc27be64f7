import Foundation

/// Paths of the built executables and fixtures, found beside the test bundle.
enum Binaries {
  static let buildDirectory: URL = {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return me.deletingLastPathComponent()
  }()

  static var bootstrap: String { buildDirectory.appendingPathComponent("bootstrap").path }
  static var lambdaLocal: String { buildDirectory.appendingPathComponent("lambda-local").path }

  static var fakeRuntime: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fake_runtime.py").path
  }
}
