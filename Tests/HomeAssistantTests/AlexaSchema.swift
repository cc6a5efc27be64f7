import Foundation
import JSONCore

/// Validates replies against Amazon's Smart Home schema with Python's `jsonschema`.
enum AlexaSchema {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/validate_alexa.py").path

  /// One entry per message: nil when valid, else the schema's complaint.
  static func problems(_ messages: [JSON]) throws -> [String?] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script]
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
