import Engine
import JSONCore

/// What one install of the native skill decides once, when its routes are built: its
/// settings, which entities Alexa may see, and the events path when events are on. Every
/// directive reaches the home through `session(_:_:)`.
struct SmartHomeInstall {
  let settings: HomeAssistantSettings
  /// The same exposure rules for every event.
  let filter: EntityFilter
  let events: AlexaEvents?

  init(_ settings: HomeAssistantSettings, events: AlexaEvents?) {
    self.settings = settings
    self.filter = EntityFilter(settings)
    self.events = events
  }

  /// The home as `context`'s event reaches it: Home Assistant with the event's linked
  /// token, and the owner's entity settings (refused while they cannot be read, see
  /// `EntityConfigStore`).
  func session(_ context: EventContext, _ gateway: Gateway) throws -> HomeSession {
    HomeSession(
      install: self, context: context, gateway: gateway,
      client: try HomeAssistantClient.forEvent(context, gateway, settings),
      entityConfig: try settings.entityConfig(gateway.services))
  }
}
