import Foundation
import JSONCore

/// The demo Home Assistant's 108 states, captured into Fixtures/demo-states.json.
enum DemoStates {
  static let all: [JSON] = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/demo-states.json").path
    return
      (try? JSONParser.parse(Array(FileManager.default.contents(atPath: path) ?? Data())).array)
      ?? []
  }()

  static func state(_ entityId: String) -> JSON {
    all.first { $0["entity_id"]?.string == entityId } ?? .null
  }

  /// A copy of `state` with `changes` applied to its attributes (and `state` when given).
  static func variant(
    _ state: JSON, state value: String? = nil, attributes changes: [(String, JSON)]
  ) -> JSON {
    guard case .object(var root) = state, case .object(var attributes)? = root["attributes"] else {
      return state
    }
    for (key, change) in changes { attributes[key] = change }
    root["attributes"] = .object(attributes)
    if let value { root["state"] = .string(value) }
    return .object(root)
  }
}
