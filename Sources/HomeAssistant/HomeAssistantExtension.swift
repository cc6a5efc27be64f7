import Engine

/// The Home Assistant extension: registers its routes with the gateway.
/// (Alexa Smart Home, custom skill and health checks arrive with their issues.)
public enum HomeAssistantExtension {
  public static func install(on gateway: Gateway) {
    gateway.install { _ in }
  }
}
