/// The product's name and version, reported by `ping`/`health` and in the User-Agent.
public enum Product {
  public static let name = "lee-swift"
  public static let version = "0.1.0"
}
