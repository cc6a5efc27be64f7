import JSONCore
import TestSupport
import Testing

@testable import HomeAssistant

/// Whether a player is playing, paused or stopped reaches Alexa as Home Assistant's
/// integration reports it (`Alexa.PlaybackStateReporter`), in discovery, in every reply
/// and in ChangeReports, each message checked against the interface's documented schema.
@Suite struct PlaybackStateTests {
  static func player(_ state: String) -> JSON {
    DiscoveryRulesTests.state(
      "media_player.den", state,
      ["supported_features": JSON(MediaPlayerFeature.play | MediaPlayerFeature.pause)])
  }

  private func home(_ state: String) throws -> FakeHome {
    try FakeHome(serving: [Self.player(state)])
  }

  @Test func discoveryOffersItBesideThePlaybackControls() throws {
    let reply = try NativeHarness.run(
      try home("idle"), NativeHarness.directive("Alexa.Discovery", "Discover", "media_player#den"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let capabilities = (reply["event"]?["payload"]?["endpoints"]?[0]?["capabilities"]?.array ?? [])
      .map(\.resolved)
    let reporter = capabilities.first { $0["interface"] == "Alexa.PlaybackStateReporter" }
    #expect(reporter?["version"] == "1.0")
    #expect(reporter?["properties"]?["supported"] == [["name": "playbackState"]])
    #expect(capabilities.contains { $0["interface"] == "Alexa.PlaybackController" })
  }

  @Test(arguments: [
    ("playing", "PLAYING"), ("paused", "PAUSED"), ("idle", "STOPPED"), ("on", "STOPPED"),
    ("buffering", "STOPPED"),
  ])
  func aStateReportSaysWhatThePlayerIsDoing(state: String, alexa: String) throws {
    let reply = try NativeHarness.run(
      try home(state), NativeHarness.directive("Alexa", "ReportState", "media_player#den"))
    #expect(try AlexaSchema.problems([reply]) == [nil])
    let playback = reply["context"]?["properties"]?.array?.first {
      $0["namespace"] == "Alexa.PlaybackStateReporter"
    }
    #expect(playback?["value"] == ["state": .string(alexa)], "\(reply)")
  }

  @Test func theSchemaAdditionRefusesAStateAmazonDoesNotName() throws {
    let reply = try NativeHarness.run(
      try home("playing"), NativeHarness.directive("Alexa", "ReportState", "media_player#den"))
    guard var properties = reply["context"]?["properties"]?.array,
      let index = properties.firstIndex(where: {
        $0["namespace"] == "Alexa.PlaybackStateReporter"
      }),
      var property = properties[index].object, var changed = reply.object
    else {
      Issue.record("no playbackState in \(reply)")
      return
    }
    property["value"] = ["state": "BUFFERING"]
    properties[index] = .object(property)
    changed["context"] = ["properties": .array(properties)]
    #expect(try AlexaSchema.problems([.object(changed)]) != [nil])
  }

  @Test func pausingAPlayerInHomeAssistantIsReportedToAlexa() throws {
    let cloud = try FakeAlexaCloud()
    let gateway = try NativeHarness.eventsGateway(try home("playing"), cloud)
    let reply = try NativeHarness.answer(
      gateway,
      AlexaEventsTests.push(
        "media_player.den", "paused", attributes: Self.player("paused")["attributes"] ?? [:],
        old: "playing"))
    #expect(reply["statusCode"] == 202, "\(reply)")
    let events = try cloud.events()
    #expect(events.count == 1)
    let event = try #require(events.first)
    #expect(try AlexaSchema.problems([event["message"] ?? .null]) == [nil])
    let changed = FakeAlexaCloud.changed(event)
    #expect(
      changed.contains {
        $0["namespace"] == "Alexa.PlaybackStateReporter" && $0["value"]?["state"] == "PAUSED"
      }, "\(event)")
  }
}
