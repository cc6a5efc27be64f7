import JSONCore

/// `Alexa.ColorController`: "make the light blue".
struct ColorController: AlexaInterface {
  let namespace = "Alexa.ColorController"
  func discovery(for entity: Entity) -> JSON { Self.entry }
  private static let entry = ColorController().constantEntry(supported: ["color"])

  func properties(of entity: Entity, at time: String) -> [JSON] {
    guard let hs = entity.attribute("hs_color")?.array, hs.count == 2, let hue = hs[0].number,
      let saturation = hs[1].number
    else { return [] }
    let brightness = (entity.attribute("brightness")?.number ?? 255) / 255
    return [
      property(
        "color",
        [
          "hue": .number(min(360, max(0, hue))),
          "saturation": .number(min(1, max(0, saturation / 100))),
          "brightness": .number(min(1, max(0, brightness))),
        ], at: time)
    ]
  }

  var directives: [ControlDirective] {
    [
      directive(
        "SetColor", domains: ["light"],
        .payload { payload, _ in
          let color = payload["color"] ?? [:]
          let hue = try ControlDirective.number(color, "hue", in: 0...360)
          let saturation = try ControlDirective.number(color, "saturation", in: 0...1)
          return ControlDirective.ServiceCall(
            domain: "light", service: "turn_on",
            data: JSONObject([("hs_color", [.number(hue), .number(saturation * 100)])]))
        })
    ]
  }
}

extension Capability {
  static let color = Capability(ColorController())
}
