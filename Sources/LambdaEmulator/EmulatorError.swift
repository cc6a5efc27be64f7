/// Failures of the emulator itself (not of the function it runs).
public enum EmulatorError: Error, CustomStringConvertible {
  case spawnFailed(String)
  case usage(String)

  public var description: String {
    switch self {
    case .spawnFailed(let why): "cannot start the runtime: \(why)"
    case .usage(let why): why
    }
  }
}
