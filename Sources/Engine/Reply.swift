import JSONCore

/// What a route handler answers: a JSON value to encode, or bytes to pass on untouched
/// (a proxy returns its upstream's reply byte for byte).
public enum Reply: Sendable, Equatable {
  case json(JSON)
  case raw([UInt8])

  public var bytes: [UInt8] {
    switch self {
    case .json(let value): JSONWriter().bytes(value)
    case .raw(let bytes): bytes
    }
  }
}
