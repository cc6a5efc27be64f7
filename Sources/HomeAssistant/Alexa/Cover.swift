import JSONCore

/// Home Assistant covers ↔ Alexa: a RangeController per axis (position, tilt) when the
/// cover can be set to a percentage, else an open/closed ModeController.
enum Cover {
  /// Home Assistant's cover feature bits (2024.3).
  static let open = 1
  static let close = 2
  static let setPosition = 4
  static let setTiltPosition = 128
  static let openAndClose = open | close

  static let positionInstance = "Cover.Position"
  static let tiltInstance = "Cover.Tilt"
  static let openMode = "Position.Open"
  static let closedMode = "Position.Closed"

  /// Display category by device class.
  static let categories: [String: String] = [
    "garage": "GARAGE_DOOR", "door": "DOOR", "gate": "DOOR", "blind": "INTERIOR_BLIND",
    "shade": "INTERIOR_BLIND",
    "curtain": "INTERIOR_BLIND", "awning": "EXTERIOR_BLIND", "shutter": "EXTERIOR_BLIND",
  ]

  static func friendlyNames(_ asset: String, _ text: String) -> JSON {
    [
      "friendlyNames": [
        ["@type": "text", "value": ["text": .string(text), "locale": "en-US"]],
        ["@type": "asset", "value": ["assetId": .string(asset)]],
      ]
    ]
  }

  static func rangeDiscovery(instance: String, asset: String, text: String) -> JSON {
    func action(_ actions: [String], _ value: Int) -> JSON {
      [
        "@type": "ActionsToDirective", "actions": .array(actions.map(JSON.string)),
        "directive": ["name": "SetRangeValue", "payload": ["rangeValue": JSON(value)]],
      ]
    }
    return [
      "type": "AlexaInterface", "interface": "Alexa.RangeController", "version": "3",
      "instance": .string(instance),
      "properties": [
        "supported": [["name": "rangeValue"]], "proactivelyReported": false, "retrievable": true,
      ],
      "capabilityResources": friendlyNames(asset, text),
      "configuration": [
        "supportedRange": ["minimumValue": 0, "maximumValue": 100, "precision": 1],
        "unitOfMeasure": "Alexa.Unit.Percent",
      ],
      "semantics": [
        "actionMappings": [
          action(["Alexa.Actions.Close", "Alexa.Actions.Lower"], 0),
          action(["Alexa.Actions.Open", "Alexa.Actions.Raise"], 100),
        ],
        "stateMappings": [
          ["@type": "StatesToValue", "states": ["Alexa.States.Closed"], "value": 0],
          [
            "@type": "StatesToRange", "states": ["Alexa.States.Open"],
            "range": ["minimumValue": 1, "maximumValue": 100],
          ],
        ],
      ],
    ]
  }

  static var modeDiscovery: JSON {
    func mode(_ value: String, _ asset: String) -> JSON {
      [
        "value": .string(value),
        "modeResources": [
          "friendlyNames": [["@type": "asset", "value": ["assetId": .string(asset)]]]
        ],
      ]
    }
    func action(_ actions: [String], _ value: String) -> JSON {
      [
        "@type": "ActionsToDirective", "actions": .array(actions.map(JSON.string)),
        "directive": ["name": "SetMode", "payload": ["mode": .string(value)]],
      ]
    }
    return [
      "type": "AlexaInterface", "interface": "Alexa.ModeController", "version": "3",
      "instance": .string(positionInstance),
      "properties": [
        "supported": [["name": "mode"]], "proactivelyReported": false, "retrievable": true,
      ],
      "capabilityResources": friendlyNames("Alexa.Setting.Opening", "Position"),
      "configuration": [
        "ordered": false,
        "supportedModes": [
          mode(openMode, "Alexa.Value.Open"), mode(closedMode, "Alexa.Value.Close"),
        ],
      ],
      "semantics": [
        "actionMappings": [
          action(["Alexa.Actions.Close", "Alexa.Actions.Lower"], closedMode),
          action(["Alexa.Actions.Open", "Alexa.Actions.Raise"], openMode),
        ],
        "stateMappings": [
          [
            "@type": "StatesToValue", "states": ["Alexa.States.Closed"],
            "value": .string(closedMode),
          ],
          ["@type": "StatesToValue", "states": ["Alexa.States.Open"], "value": .string(openMode)],
        ],
      ],
    ]
  }

  /// The attribute holding an instance's percentage, and the service and field setting it.
  static func axis(_ instance: String) throws -> (attribute: String, service: String, field: String)
  {
    switch instance {
    case positionInstance: ("current_position", "set_cover_position", "position")
    case tiltInstance: ("current_tilt_position", "set_cover_tilt_position", "tilt_position")
    default:
      throw AlexaFailure(
        type: .invalidDirective, message: "unknown RangeController instance '\(instance)'")
    }
  }

  /// `SetRangeValue` or `AdjustRangeValue` for one instance of a cover.
  static func range(_ name: String, instance: String) -> ControlDirective {
    ControlDirective(
      namespace: "Alexa.RangeController", name: name, domains: ["cover"],
      needsState: name == "AdjustRangeValue"
    ) { payload, _, entity in
      let axis = try axis(instance)
      let value: Double
      if name == "SetRangeValue" {
        value = try ControlDirective.number(payload, "rangeValue", in: 0...100)
      } else {
        let delta = try ControlDirective.number(payload, "rangeValueDelta", in: -100...100)
        let current = try ControlDirective.required(entity).attribute(axis.attribute)?.number ?? 0
        value = min(100, max(0, current + delta))
      }
      return ControlDirective.ServiceCall(
        domain: "cover", service: axis.service,
        data: JSONObject([(axis.field, .number(value.rounded()))]))
    }
  }

  /// `SetMode` for an open/close-only cover.
  static let setMode = ControlDirective(
    namespace: "Alexa.ModeController", name: "SetMode", domains: ["cover"]
  ) {
    payload, _, _ in
    switch payload["mode"]?.string {
    case openMode: ControlDirective.ServiceCall(domain: "cover", service: "open_cover")
    case closedMode: ControlDirective.ServiceCall(domain: "cover", service: "close_cover")
    default:
      throw AlexaFailure(
        type: .invalidValue, message: "unknown mode '\(payload["mode"]?.string ?? "")'")
    }
  }
}
