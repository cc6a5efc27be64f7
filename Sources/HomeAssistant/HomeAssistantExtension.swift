import Engine
import JSONCore

/// The Home Assistant extension: parses its settings, registers its routes, its health
/// check, its warm-up and its pre-connect with the gateway.
public enum HomeAssistantExtension {
  /// Throws `ConfigurationError` for a bad setting (naming the variable) and
  /// `RouteConflict` when a route is already taken.
  ///
  /// `actingAsOwner` is for `lee-bridge` (see `HomeAssistantSettings.actsAsOwner`). In link
  /// mode (`LINK_QUEUE_URL` on the function) the home's routes go to the bridge.
  public static func install(on gateway: Gateway, actingAsOwner: Bool = false) throws {
    var settings = try HomeAssistantSettings(environment: gateway.environment)
    settings.actsAsOwner = actingAsOwner
    let owner = LinkOwner(owners: settings.linkOwners, profileURL: settings.profileURL)
    gateway.forwardToHomeLink(when: isHomeRoute, authorize: owner.authorize)
    gateway.services.addSecret(settings.token)
    gateway.addSettingsSummary { settings.redactedSummary }
    gateway.services.addSecret(settings.events?.clientSecret)
    gateway.services.addSecret(settings.events?.pushSecret)
    let events = settings.events.map { AlexaEvents(settings: $0, homeSettings: settings) }
    try gateway.install { table in
      SmartHomeErrors.register(into: &table)
      switch settings.alexaMode {
      case .native: NativeSmartHome.register(into: &table, settings, events: events)
      case .proxy: SmartHomeProxy.register(into: &table, settings)
      }
      CustomSkill.register(into: &table, settings)
      PushEndpoint.register(into: &table, settings, events: events)
      DiscoveryReport.register(into: &table, settings)
      Doctor.register(into: &table, settings, events: events)
    }
    // In link mode the function has no Home Assistant of its own: the link's check (the
    // bridge's own health, through the link) stands for it.
    let linked = gateway.services.config.linkQueueURL != nil
    if !linked {
      gateway.addHealthCheck("homeAssistant") { gateway, invocation in
        HomeAssistantHealth.check(gateway, invocation, settings)
      }
    }
    if let events {
      gateway.addHealthCheck("alexaEvents") { gateway, invocation in
        let status = events.status(gateway.services, deadline: invocation.deadlineMilliseconds)
        return (status["grant"] == "active", status)
      }
    }
    if !linked {
      gateway.addWarmUp("upstream") { gateway, invocation in
        HomeAssistantHealth.warmUp(gateway, invocation, settings)
      }
    }
    if let url = settings.url, !linked {
      let authorization = settings.token.map { [HomeAssistantSettings.authorization($0)] } ?? []
      gateway.preconnect(HTTPRequest(url: url + "/api/", headers: authorization, tls: settings.tls))
    }
  }

  /// What only the home can answer: every directive and skill request, except accepting
  /// the grant for proactive events, which the function keeps in its own Parameter Store.
  static func isHomeRoute(_ route: Route) -> Bool {
    switch route {
    case .smartHome(let namespace, let name):
      !(namespace == "Alexa.Authorization" && name == "AcceptGrant")
    case .customSkill: true
    case .operatorAction, .schedule, .httpRequest: false
    }
  }

  /// Native discovery of `states` without any I/O (for benchmarks and tools).
  public static func discoveryReply(
    states: [JSON], settings: HomeAssistantSettings, logger: Logger
  ) -> JSON {
    Discovery.response(states: states, filter: EntityFilter(settings), logger: logger)
  }
}
