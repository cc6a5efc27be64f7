import JSONCore

/// `Alexa.BrightnessController`: "set the light to 40 %", "dim the light".
struct BrightnessController: AlexaInterface {
  let namespace = "Alexa.BrightnessController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = BrightnessController().constantEntry(supported: ["brightness"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    let level = entity.attribute("brightness")?.number.map { ($0 / 255 * 100).rounded() } ?? 0
    return [property("brightness", .number(entity.isOn ? min(100, max(0, level)) : 0), at: time)]
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetBrightness", domains: ["light"],
        .payload { payload, _ in
          ControlDirective.ServiceCall(
            domain: "light", service: "turn_on",
            data: JSONObject([
              (
                "brightness_pct",
                .number(try ControlDirective.number(payload, "brightness", in: 0...100))
              )
            ]))
        }),
      directive(
        "AdjustBrightness", domains: ["light"],
        .payload { payload, _ in
          let delta = try ControlDirective.number(payload, "brightnessDelta", in: -100...100)
          return ControlDirective.ServiceCall(
            domain: "light", service: "turn_on",
            data: JSONObject([("brightness_step_pct", .number(delta))]))
        }),
    ]
  }
}

extension Capability {
  static let brightness = Capability(BrightnessController())
}
