import Foundation
import JSONCore
import TestSupport

/// Validates replies with Python's `jsonschema`: Smart Home against Amazon's schema,
/// custom-skill responses against ours (Fixtures/custom_skill_response_schema.json).
enum AlexaSchema {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/validate_alexa.py").path

  /// One entry per message: nil when valid, else the schema's complaint. `skill`: the
  /// messages are custom-skill responses.
  static func problems(_ messages: [JSON], skill: Bool = false) throws -> [String?] {
    let process = TestPython.process(script, skill ? ["--skill"] : [])
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
