import Testing

@testable import HomeAssistant

/// The doctor's rules that need no network: what account linking accepts as an address,
/// and the IndieAuth comparison Home Assistant makes of a client id and its redirect.
@Suite struct DoctorRulesTests {
  @Test func accountLinkingNeedsHTTPSOnPort443() {
    for (url, ok) in [
      ("https://ha.example.com", true), ("https://ha.example.com:443/", true),
      ("HTTPS://ha.example.com", true), ("https://user@ha.example.com", true),
      ("https://[2001:db8::1]", true), ("https://[2001:db8::1]:8123", false),
      ("https://ha.example.com:8123", false), ("http://ha.example.com", false),
      ("http://ha.example.com:443", false), ("https://ha.example.com:x", false),
    ] {
      #expect(HomeAssistantDoctor.address(url).ok == ok, "\(url)")
    }
    #expect(HomeAssistantDoctor.schemeAndPort("https://ha.example.com:8123/x").port == 8123)
    #expect(HomeAssistantDoctor.schemeAndPort("no scheme").port == nil)
  }

  @Test func eachAlexaRegionsClientIdIsTheHostOfItsOwnRedirect() {
    for region in AlexaRegion.all {
      #expect(
        HomeAssistantDoctor.sameOrigin(region.linkingClientId, region.redirectURI(vendorId: "M1")))
    }
    #expect(
      !HomeAssistantDoctor.sameOrigin(
        "https://layla.amazon.com/", AlexaRegion.all[0].redirectURI(vendorId: nil)))
    #expect(AlexaRegion.serving("eu-central-1") == nil)
    #expect(AlexaRegion.serving("us-west-2")?.linkingClientId == "https://alexa.amazon.co.jp/")
  }
}
