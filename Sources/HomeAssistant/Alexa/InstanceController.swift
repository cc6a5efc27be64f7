import JSONCore

/// One instance of Alexa's generic controllers (RangeController, ModeController,
/// ToggleController) bound to a Home Assistant value: where the value is read and which
/// service sets it. One row serves discovery, state reports and control alike; the rows
/// themselves are in their interfaces' files (`RangeController`, `ModeController`,
/// `ToggleController`).
struct InstanceController: Sendable, Equatable {
  enum Kind: String, Sendable {
    case range = "Alexa.RangeController"
    case mode = "Alexa.ModeController"
    case toggle = "Alexa.ToggleController"

    var propertyName: String {
      switch self {
      case .range: "rangeValue"
      case .mode: "mode"
      case .toggle: "toggleState"
      }
    }
  }

  /// Where the current value lives.
  enum Source: Sendable {
    case state
    case attribute(String)
  }

  /// How a new value reaches Home Assistant.
  enum Write: Sendable {
    /// `service` with `{field: value}`.
    case field(service: String, name: String)
    /// One service per mode, no data (e.g. open_cover, close_cover).
    case servicePerValue([String: String])
  }

  /// A mode controller's options: fixed, or listed in an attribute of the entity.
  enum Options: Sendable {
    case fixed([String])
    case attribute(String)
  }

  /// A range controller's bounds: 0…100 %, the entity's own min, max and step, or speeds
  /// 0…n of a percentage that moves in steps of the `step` attribute (a fan with three
  /// speeds has a step of 33.3: "set the fan speed to 3" is 100 %).
  enum Bounds: Sendable {
    case percent
    case attributes(minimum: String, maximum: String, step: String)
    case speeds(step: String)
    /// 0 (off) or 1 (on): the entity's state, for a device with no range of its own.
    case onOff
  }

  let kind: Kind
  let domain: String
  /// `cover.position`: domain-prefixed, so unique across the table (as Home Assistant
  /// names its own).
  let instance: String
  /// The spoken name, and an asset id from Alexa's catalogue when one fits.
  let label: String
  var asset: String? = nil
  let source: Source
  let write: Write
  var options: Options = .fixed([])
  var bounds: Bounds = .percent
  /// Home Assistant states that mean an option (e.g. "opening" → "open").
  var aliases: [String: String] = [:]
  /// Whether modes have an order (AdjustMode moves along it).
  var ordered = false
  /// Open/close semantics for covers and valves ("Alexa, open the blinds").
  var opens = false

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.kind == rhs.kind && lhs.instance == rhs.instance
  }

  /// Whether discovery depends on the entity (its option list or bounds).
  var dependsOnEntity: Bool {
    switch (kind, options, bounds) {
    case (.mode, .attribute, _), (.range, _, .attributes), (.range, _, .speeds): true
    default: false
    }
  }

  /// `preset_mode.eco`: an option as an Alexa mode value, prefixed like Home Assistant's.
  func modeValue(_ option: String) -> String {
    let name = instance.lastIndex(of: ".").map { instance[instance.index(after: $0)...] }
    return "\(name ?? "mode").\(option)"
  }

  /// The option named by an Alexa mode value, if this instance has it.
  func option(forMode value: String, of entity: Entity?) -> String? {
    let prefix = modeValue("")
    guard value.hasPrefix(prefix) else { return nil }
    let option = String(value.dropFirst(prefix.count))
    return choices(entity).map { $0.contains(option) } ?? true ? option : nil
  }

  /// The options known without the entity's state (fixed ones), or the entity's own;
  /// nil when they are the entity's and no state was read.
  func choices(_ entity: Entity?) -> [String]? {
    switch (entity, options) {
    case (let entity?, _): options(of: entity)
    case (nil, .fixed(let values)): values
    case (nil, .attribute): nil
    }
  }

  /// The entity's options, each once and none empty: Alexa refuses a discovery whose modes
  /// repeat a value (a remote's `activity_list` may name one activity twice).
  func options(of entity: Entity) -> [String] {
    switch options {
    case .fixed(let values): return values
    case .attribute(let name):
      var seen: Set<String> = []
      return (entity.attribute(name)?.array ?? []).compactMap { option in
        guard let option = option.string, !option.isEmpty, seen.insert(option).inserted else {
          return nil
        }
        return option
      }
    }
  }

  /// The range every entity has, for bounds that are not the entity's own.
  var fixedRange: (minimum: Double, maximum: Double, precision: Double)? {
    switch bounds {
    case .percent: (0, 100, 1)
    case .onOff: (0, 1, 1)
    case .attributes, .speeds: nil
    }
  }

  /// Minimum, maximum and precision of a range for this entity; nil when it has none.
  func range(of entity: Entity) -> (minimum: Double, maximum: Double, precision: Double)? {
    switch bounds {
    case .percent: return (0, 100, 1)
    case .attributes(let minimum, let maximum, let step):
      guard let low = entity.attribute(minimum)?.number,
        let high = entity.attribute(maximum)?.number,
        low < high
      else { return nil }
      let precision = entity.attribute(step)?.number ?? 1
      return (low, high, precision > 0 ? precision : 1)
    case .speeds:
      guard let speeds = speedCount(of: entity) else { return nil }
      return (0, Double(speeds), 1)
    case .onOff: return (0, 1, 1)
    }
  }

  /// How many speeds a `.speeds` range has (1…100), from its step.
  func speedCount(of entity: Entity) -> Int? {
    guard case .speeds(let step) = bounds, let size = entity.attribute(step)?.number,
      size >= 1, size <= 100
    else { return nil }
    return Int((100 / size).rounded())
  }

  /// The value Home Assistant is sent for an Alexa range value (a speed becomes its
  /// percentage; everything else is sent as it is).
  func homeValue(_ value: Double, of entity: Entity?) -> Double {
    guard let entity, let speeds = speedCount(of: entity) else { return value }
    return min(100, (value * 100 / Double(speeds)).rounded())
  }

  /// Whether the entity can be offered this instance: a ModeController needs two modes, a
  /// RangeController a real range.
  func isExpressible(for entity: Entity) -> Bool {
    switch kind {
    case .mode: options(of: entity).count >= 2
    case .range: range(of: entity) != nil
    case .toggle: true
    }
  }

  func rawValue(of entity: Entity) -> JSON? {
    switch source {
    case .state: .string(entity.state)
    case .attribute(let name): entity.attribute(name)
    }
  }

  /// The reported value: a number within the range, a mode value, or ON/OFF.
  func reportedValue(of entity: Entity) -> JSON? {
    let raw = rawValue(of: entity)
    switch kind {
    case .range:
      if case .onOff = bounds {
        return ["on": 1, "off": 0][entity.state].map { .number($0) }
      }
      guard var value = raw?.number ?? raw?.string.flatMap(Double.init),
        let range = range(of: entity)
      else { return nil }
      if let speeds = speedCount(of: entity) { value = (value * Double(speeds) / 100).rounded() }
      return .number(min(range.maximum, max(range.minimum, value)))
    case .mode:
      guard let current = raw?.string else { return nil }
      let option = aliases[current] ?? current
      return options(of: entity).contains(option) ? .string(modeValue(option)) : nil
    case .toggle:
      guard let on = raw?.bool else { return nil }
      return .string(on ? "ON" : "OFF")
    }
  }

  /// The service call that sets `value` (a number, an option, or a Bool for toggles).
  func call(setting value: JSON) throws -> ControlDirective.ServiceCall {
    switch write {
    case .field(let service, let name):
      return ControlDirective.ServiceCall(
        domain: domain, service: service, data: JSONObject([(name, value)]))
    case .servicePerValue(let services):
      // A mode's value, or a whole range value ("0", "1").
      guard let option = value.string ?? value.number.map({ String(Int($0)) }),
        let service = services[option]
      else {
        throw AlexaFailure(type: .invalidValue, message: "\(instance) cannot be set to \(value)")
      }
      return ControlDirective.ServiceCall(domain: domain, service: service)
    }
  }
}

/// An instance row as an Alexa interface: its entry (serialised once per distinct form,
/// on first use), its one property, and its kind's directives.
struct InstanceInterface: AlexaInterface {
  let controller: InstanceController

  init(_ controller: InstanceController) { self.controller = controller }

  var namespace: String { controller.kind.rawValue }
  var instance: String? { controller.instance }

  func discovery(for entity: Entity) -> JSON { controller.memoizedDiscovery(for: entity) }
  var hasSemantics: Bool { controller.opens }
  func discoveryWithoutSemantics(for entity: Entity) -> JSON {
    controller.memoizedDiscovery(for: entity, semantics: false)
  }

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let value = controller.reportedValue(of: entity) else { return [] }
    return [property(controller.kind.propertyName, value, at: time)]
  }

  var directives: [ControlDirective] {
    switch controller.kind {
    case .range: RangeController.directives(for: controller)
    case .mode: ModeController.directives(for: controller)
    case .toggle: ToggleController.directives(for: controller)
    }
  }

  func isExpressible(for entity: Entity) -> Bool { controller.isExpressible(for: entity) }
}

extension Capability {
  static func instance(_ controller: InstanceController) -> Capability {
    Capability(InstanceInterface(controller))
  }
}
