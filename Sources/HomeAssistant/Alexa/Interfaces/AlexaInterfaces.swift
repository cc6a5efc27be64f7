/// Every interface this skill speaks, one value each (a scene in its fullest form): the
/// route table is derived from their directives. Cheap to build at start (no discovery
/// table needed); `InterfaceRoutingTests` keeps it equal to what `DiscoveryTable` can
/// announce, so discovery and control cannot drift apart.
enum AlexaInterfaces {
  static let all: [any AlexaInterface] =
    [
      AlexaBase(), EndpointHealth(), PowerController(), BrightnessController(), ColorController(),
      ColorTemperatureController(), PercentageController(), LockController(),
      SceneController(supportsDeactivation: true), ThermostatController(), TemperatureSensor(),
      ContactSensor(), MotionSensor(), DoorbellEventSource(), EventDetectionSensor(), Speaker(),
      StepSpeaker(),
      PlaybackController(), PlaybackStateReporter(),
      InputController(), ChannelController(), SecurityPanelController(), TimeHoldController(),
      SeekController(), EqualizerController(),
    ]
    + (RangeController.all + ModeController.all + ToggleController.all).map(InstanceInterface.init)
}
