import Engine

/// The Home Assistant extension: registers its routes and health check with the gateway.
public enum HomeAssistantExtension {
  public static func install(on gateway: Gateway) {
    let mode = gateway.services.config.alexaMode
    gateway.install { table in
      SmartHomeErrors.register(into: &table)
      if mode == .proxy { SmartHomeProxy.register(into: &table) }
    }
    gateway.addHealthCheck("homeAssistant", HomeAssistantHealth.check)
  }
}
