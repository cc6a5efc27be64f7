import Engine

/// The Home Assistant extension: registers its routes and health check with the gateway.
public enum HomeAssistantExtension {
  public static func install(on gateway: Gateway) {
    let mode = gateway.services.config.alexaMode
    gateway.install { table in
      SmartHomeErrors.register(into: &table)
      switch mode {
      case .native: NativeSmartHome.register(into: &table)
      case .proxy: SmartHomeProxy.register(into: &table)
      }
    }
    gateway.addHealthCheck("homeAssistant", HomeAssistantHealth.check)
  }
}
