import Engine
import JSONCore

/// The Home Assistant extension: registers its routes and health check with the gateway.
public enum HomeAssistantExtension {
  public static func install(on gateway: Gateway) throws(RouteConflict) {
    let mode = gateway.services.config.alexaMode
    try gateway.install { table in
      SmartHomeErrors.register(into: &table)
      switch mode {
      case .native: NativeSmartHome.register(into: &table)
      case .proxy: SmartHomeProxy.register(into: &table)
      }
      CustomSkill.register(into: &table)
    }
    gateway.addHealthCheck("homeAssistant", HomeAssistantHealth.check)
  }

  /// Native discovery of `states` without any I/O (for benchmarks and tools).
  public static func discoveryReply(states: [JSON], configuration: Configuration, logger: Logger)
    -> JSON
  {
    Discovery.response(states: states, filter: EntityFilter(configuration), logger: logger)
  }
}
