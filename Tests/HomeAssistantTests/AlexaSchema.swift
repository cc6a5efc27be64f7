import Foundation
import JSONCore
import TestSupport

/// Validates replies with Python's `jsonschema`: Smart Home against Amazon's schema,
/// custom-skill responses and progressive responses against ours (Fixtures/).
enum AlexaSchema {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/validate_alexa.py").path

  /// One entry per message: nil when valid, else the schema's complaint. `skill`: the
  /// messages are custom-skill responses; `progressive`: progressive-response directives.
  static func problems(_ messages: [JSON], skill: Bool = false, progressive: Bool = false)
    throws -> [String?]
  {
    let process = TestPython.process(
      script, skill ? ["--skill"] : progressive ? ["--progressive"] : [])
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(JSONWriter().bytes(.array(messages))))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let results = try JSONParser.parse(Array(data)).array
    else {
      throw ValidatorFailed(status: process.terminationStatus)
    }
    return results.map { $0.string }
  }

  struct ValidatorFailed: Error { let status: Int32 }
}
