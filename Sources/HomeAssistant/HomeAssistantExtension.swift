import Engine

/// The Home Assistant extension: registers its routes with the gateway.
/// (Directive handlers, the custom skill and health checks arrive with their issues.)
public enum HomeAssistantExtension {
  public static func install(on gateway: Gateway) {
    gateway.install { table in
      SmartHomeErrors.register(into: &table)
    }
  }
}
