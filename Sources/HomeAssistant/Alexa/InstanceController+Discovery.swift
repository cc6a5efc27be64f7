import JSONCore
import Synchronization

extension InstanceController {
  /// Entries repeat across a home (fans of one model share their presets; many entries
  /// are the same for every entity), so each distinct one is built and serialised once
  /// per process, on first use.
  private static let memo = Mutex<[String: JSON]>([:])
  private static let memoLimit = 256

  /// The entity's entry, from the memo when an entity with the same options or bounds was
  /// discovered before; `semantics: false` leaves out its open/close semantics.
  func memoizedDiscovery(for entity: Entity, semantics: Bool = true) -> JSON {
    var key = "\(kind.rawValue)|\(instance)|\(semantics && opens)|"
    switch kind {
    case _ where !dependsOnEntity: break  // the same entry for every entity
    case .mode: key += options(of: entity).joined(separator: "\u{1F}")
    case .range:
      key += range(of: entity).map { "\($0.minimum)|\($0.maximum)|\($0.precision)" } ?? ""
    case .toggle: break
    }
    if let known = Self.memo.withLock({ $0[key] }) { return known }
    let entry = JSON.fragment(JSONFragment(discovery(for: entity, semantics: semantics)))
    Self.memo.withLock { memo in
      if memo.count >= Self.memoLimit { memo.removeAll() }
      memo[key] = entry
    }
    return entry
  }

  /// The discovery entry for `entity` (its options and bounds where they are its own);
  /// nil for an instance whose entry is the same for every entity.
  func discovery(for entity: Entity?, semantics: Bool = true) -> JSON {
    var entry = JSONObject([
      ("type", "AlexaInterface"), ("interface", .string(kind.rawValue)), ("version", "3"),
      ("instance", .string(instance)),
      (
        "properties",
        [
          "supported": [["name": .string(kind.propertyName)]], "proactivelyReported": false,
          "retrievable": true,
        ]
      ),
      ("capabilityResources", ["friendlyNames": .array(friendlyNames)]),
    ])
    switch kind {
    case .range:
      let range = entity.flatMap(range(of:)) ?? (0, 100, 1)
      var configuration = JSONObject([
        (
          "supportedRange",
          [
            "minimumValue": .number(range.minimum), "maximumValue": .number(range.maximum),
            "precision": .number(range.precision),
          ]
        )
      ])
      if case .percent = bounds { configuration["unitOfMeasure"] = "Alexa.Unit.Percent" }
      if let speeds = entity.flatMap(speedCount(of:)), speeds >= 3 {
        configuration["presets"] = .array(
          [
            ("Alexa.Value.Low", 1), ("Alexa.Value.Medium", (speeds + 1) / 2),
            ("Alexa.Value.High", speeds),
          ]
          .map { asset, value in
            [
              "rangeValue": JSON(value),
              "presetResources": [
                "friendlyNames": [["@type": "asset", "value": ["assetId": .string(asset)]]]
              ],
            ]
          })
      }
      entry["configuration"] = .object(configuration)
    case .mode:
      entry["configuration"] = [
        "ordered": .bool(ordered),
        "supportedModes": .array(
          (choices(entity) ?? []).map { option in
            [
              "value": .string(modeValue(option)),
              "modeResources": ["friendlyNames": [Self.text(Self.spoken(option))]],
            ]
          }),
      ]
    case .toggle:
      break
    }
    if opens && semantics { entry["semantics"] = openCloseSemantics }
    return .object(entry)
  }

  private var friendlyNames: [JSON] {
    var names = [Self.text(label)]
    if let asset { names.append(["@type": "asset", "value": ["assetId": .string(asset)]]) }
    return names
  }

  static func text(_ text: String) -> JSON {
    ["@type": "text", "value": ["text": .string(text), "locale": "en-US"]]
  }

  /// `high_demand` → "high demand".
  static func spoken(_ option: String) -> String {
    option.replacing("_", with: " ")
  }

  /// "Open" and "close" (and raise, lower) mapped to this instance's directives, and the
  /// states "open" and "closed" to its values.
  private var openCloseSemantics: JSON {
    let closed: JSON
    let open: JSON
    let name: String
    let payloadKey: String
    switch kind {
    case .mode:
      (closed, open, name, payloadKey) = (
        .string(modeValue("closed")), .string(modeValue("open")), "SetMode", "mode"
      )
    default:
      (closed, open, name, payloadKey) = (0, 100, "SetRangeValue", "rangeValue")
    }
    func action(_ actions: [String], _ value: JSON) -> JSON {
      [
        "@type": "ActionsToDirective", "actions": .array(actions.map(JSON.string)),
        "directive": [
          "name": .string(name), "payload": .object(JSONObject([(payloadKey, value)])),
        ],
      ]
    }
    let openState: JSON =
      kind == .mode
      ? ["@type": "StatesToValue", "states": ["Alexa.States.Open"], "value": open]
      : [
        "@type": "StatesToRange", "states": ["Alexa.States.Open"],
        "range": ["minimumValue": 1, "maximumValue": 100],
      ]
    return [
      "actionMappings": [
        action(["Alexa.Actions.Close", "Alexa.Actions.Lower"], closed),
        action(["Alexa.Actions.Open", "Alexa.Actions.Raise"], open),
      ],
      "stateMappings": [
        ["@type": "StatesToValue", "states": ["Alexa.States.Closed"], "value": closed], openState,
      ],
    ]
  }
}
