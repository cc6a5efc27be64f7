import Foundation
import JSONCore

/// Amazon's JSON schema for Alexa messages, checked by Python's `jsonschema`
/// (HomeAssistantTests/Fixtures/validate_alexa.py): one verdict per message, nil when valid.
public enum AlexaSchemaValidator {
  static let script = TestPython.repositoryRoot
    .appendingPathComponent("Tests/HomeAssistantTests/Fixtures/validate_alexa.py").path

  /// `arguments`: none for Smart Home messages, `--skill` for custom-skill responses,
  /// `--progressive` for progressive-response directives.
  public static func verdicts(_ messages: [JSON], arguments: [String] = []) throws -> [String?] {
    let process = TestPython.process(script, arguments)
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
    return results.map(\.string)
  }

  public struct ValidatorFailed: Error { public let status: Int32 }
}
