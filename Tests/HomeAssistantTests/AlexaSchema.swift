import Foundation
import JSONCore
import TestSupport

@testable import HomeAssistant

/// Validates replies with Python's `jsonschema`: Smart Home against Amazon's schema,
/// custom-skill responses and progressive responses against ours (Fixtures/). A
/// Discover.Response must also keep Amazon's rules beyond the schema (`DiscoveryRules`).
enum AlexaSchema {
  /// One entry per message: nil when valid, else the first complaint.
  static func problems(_ messages: [JSON], skill: Bool = false, progressive: Bool = false)
    throws -> [String?]
  {
    let results = try AlexaSchemaValidator.verdicts(
      messages, arguments: skill ? ["--skill"] : progressive ? ["--progressive"] : [])
    return zip(messages, results).map { message, result in
      if let schemaProblem = result { return schemaProblem }
      guard message["event"]?["header"]?["name"] == "Discover.Response" else { return nil }
      return DiscoveryRules.problems(in: message).first.map(\.description)
    }
  }
}
