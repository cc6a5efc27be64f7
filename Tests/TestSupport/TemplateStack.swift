import Foundation
import JSONCore

/// template.yaml as deployed with given parameters: translated by AWS SAM's own translator
/// and its conditions resolved (scripts/template/policies.py, with the tools
/// scripts/check-template.sh installs in .tools/template).
public enum TemplateStack {
  public struct ToolsMissing: Error, CustomStringConvertible {
    public var description: String {
      "run scripts/check-template.sh first (scripts/test.sh does): it installs SAM's translator"
    }
  }

  /// `{"functions": {name: {environment, statements, …}}, "users": {name: {statements}},
  /// "urls": {url: function}}`.
  public static func resolve(_ parameters: JSON) throws -> JSON {
    let root = TestPython.repositoryRoot
    let python = root.appendingPathComponent(".tools/template/bin/python")
    guard FileManager.default.isExecutableFile(atPath: python.path) else { throw ToolsMissing() }
    let process = Process()
    process.executableURL = python
    process.currentDirectoryURL = root
    process.arguments = [
      "scripts/template/policies.py", "template.yaml", JSONWriter().string(parameters),
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ToolsMissing() }
    return try JSONParser.parse(Array(data))
  }
}
