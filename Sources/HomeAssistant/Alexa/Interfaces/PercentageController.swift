import JSONCore

/// `Alexa.PercentageController`: a fan's speed as a percentage.
struct PercentageController: AlexaInterface {
  let namespace = "Alexa.PercentageController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = PercentageController().constantEntry(supported: ["percentage"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let percentage = entity.attribute("percentage")?.number else { return [] }
    return [property("percentage", .number(min(100, max(0, percentage.rounded()))), at: time)]
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetPercentage", domains: ["fan"],
        .payload { payload, _ in
          ControlDirective.ServiceCall(
            domain: "fan", service: "set_percentage",
            data: JSONObject([
              (
                "percentage",
                .number(try ControlDirective.number(payload, "percentage", in: 0...100))
              )
            ]))
        }),
      directive(
        "AdjustPercentage", domains: ["fan"],
        .payload { payload, _ in
          let delta = try ControlDirective.number(payload, "percentageDelta", in: -100...100)
          return ControlDirective.ServiceCall(
            domain: "fan", service: delta >= 0 ? "increase_speed" : "decrease_speed",
            data: JSONObject([("percentage_step", .number(abs(delta)))]))
        }),
    ]
  }
}

extension Capability {
  static let percentage = Capability(PercentageController())
}
