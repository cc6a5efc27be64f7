import Foundation
import JSONCore
import LambdaEmulator
import TestSupport
import Testing

/// The owner's settings in Home Assistant, end to end: attributes set through the REST
/// API (as `customize:` adds them) change what discovery announces, a hidden entity is
/// gone and refused, and the discovery report accounts for every demo entity once.
@Suite(.serialized, .enabled(if: DemoHomeAssistant.url != nil, "needs the demo Home Assistant"))
struct DemoCustomizationTests {
  static let renamed = "light.office_rgbw_lights"
  static let hidden = "light.entrance_color_white_lights"

  private func endpoints(_ lambda: DemoFunction) throws -> [String: JSON] {
    let reply = try DemoHomeAssistant.reply(
      lambda, Directive.make("Alexa.Discovery", "Discover", endpoint: nil))
    let list = reply["event"]?["payload"]?["endpoints"]?.array ?? []
    return Dictionary(
      list.map { ($0["endpointId"]?.string ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  @Test func attributesSetInHomeAssistantShapeDiscoveryAndControl() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    let renamedBefore = try DemoHomeAssistant.write(
      Self.renamed,
      state: try DemoHomeAssistant.withAttributes(
        Self.renamed,
        [
          ("alexa_name", "Desk lamp"), ("alexa_display_category", "SMARTPLUG"),
          ("alexa_description", "Office · desk lamp"),
        ]))
    let hiddenBefore = try DemoHomeAssistant.write(
      Self.hidden,
      state: try DemoHomeAssistant.withAttributes(Self.hidden, [("alexa_hidden", true)]))
    defer {
      _ = try? DemoHomeAssistant.write(Self.renamed, state: renamedBefore)
      _ = try? DemoHomeAssistant.write(Self.hidden, state: hiddenBefore)
    }
    let found = try endpoints(lambda)
    let desk = try #require(found["light#office_rgbw_lights"])
    #expect(desk["friendlyName"] == "Desk lamp")
    #expect(desk["displayCategories"] == ["SMARTPLUG"])
    #expect(desk["description"] == "Office · desk lamp")
    #expect(found["light#entrance_color_white_lights"] == nil, "hidden")

    let stateBefore = try DemoHomeAssistant.state(Self.hidden)
    let refused = try DemoHomeAssistant.reply(
      lambda,
      Directive.make(
        "Alexa.PowerController", stateBefore == "on" ? "TurnOff" : "TurnOn",
        endpoint: "light#entrance_color_white_lights"))
    #expect(refused["event"]?["payload"]?["type"] == "NO_SUCH_ENDPOINT")
    #expect(try DemoHomeAssistant.state(Self.hidden) == stateBefore)

    let report = try DemoHomeAssistant.reply(lambda, Array(#"{"action":"discovery-report"}"#.utf8))
    let rows = report["entities"]?.array ?? []
    let reported = rows.compactMap { $0["entityId"]?.string }
    #expect(reported.sorted() == (try DemoHomeAssistant.entityIds()).sorted(), "each exactly once")
    let byId = Dictionary(
      rows.map { ($0["entityId"]?.string ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    #expect(
      byId[Self.hidden]?["fate"] == "hidden" && byId[Self.hidden]?["reason"] == "alexa_hidden")
    #expect(
      byId[Self.renamed]?["fate"] == "announced" && byId[Self.renamed]?["name"] == "Desk lamp")
    #expect(byId["alarm_control_panel.security"]?["fate"] == "unsupported")
    #expect(byId["camera.demo_camera"]?["fate"] == "unsupported")
    let announced = rows.filter { $0["fate"] == "announced" }.count
    #expect(announced == found.count, "the report's announced endpoints are discovery's")
  }

  /// "Alexa, set the fan speed to 3" on a fan with three speeds really sets 100 %.
  @Test func aFanSpeedReallyChangesTheFansPercentage() throws {
    let lambda = try DemoHomeAssistant.native()
    defer { lambda.shutdown() }
    for (speed, percentage) in [(3, 100.0), (1, 33.0)] {
      let answer = try DemoHomeAssistant.reply(
        lambda,
        Directive.make(
          "Alexa.RangeController", "SetRangeValue", endpoint: "fan#percentage_limited_fan",
          payload: ["rangeValue": JSON(speed)], instance: "fan.percentage"))
      #expect(answer["event"]?["header"]?["name"] == "Response", "\(answer)")
      let reported = try DemoHomeAssistant.attribute("fan.percentage_limited_fan", "percentage")
      #expect(reported?.number.map { $0.rounded() } == percentage)
    }
  }
}
