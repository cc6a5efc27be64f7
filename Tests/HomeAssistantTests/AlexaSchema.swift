import Foundation
import JSONCore
import TestSupport

@testable import HomeAssistant

/// Validates replies with Python's `jsonschema`: Smart Home against Amazon's schema,
/// custom-skill responses and progressive responses against ours (Fixtures/). A
/// Discover.Response must also keep Amazon's rules beyond the schema (`DiscoveryRules`).
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
    return zip(messages, results).map { message, result in
      if let schemaProblem = result.string { return schemaProblem }
      guard message["event"]?["header"]?["name"] == "Discover.Response" else { return nil }
      return DiscoveryRules.problems(in: message).first.map(\.description)
    }
  }

  struct ValidatorFailed: Error { let status: Int32 }
}
