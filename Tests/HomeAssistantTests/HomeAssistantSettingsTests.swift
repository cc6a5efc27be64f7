import Engine
import HomeAssistant
import Testing

/// The extension's own settings (moved from the engine's configuration tests).
@Suite struct HomeAssistantSettingsTests {
  @Test func defaultsNeedNoVariables() throws {
    let settings = try HomeAssistantSettings(environment: [:])
    #expect(settings.url == nil)
    #expect(settings.verifyTLS)
    #expect(settings.alexaMode == .native)
  }

  @Test func readsThePythonOriginalsNames() throws {
    let settings = try HomeAssistantSettings(environment: [
      "HOME_ASSISTANT_URL": "https://ha.example.com:8123/", "HOME_ASSISTANT_TOKEN": "t",
      "HOME_ASSISTANT_VERIFY_SSL": "false", "HOME_ASSISTANT_TIMEOUT": "4",
      "USE_PARAMETER_STORE": "yes", "ALEXA_SKILL_ID": "amzn1.ask.skill.a, amzn1.ask.skill.b",
    ])
    #expect(settings.url == "https://ha.example.com:8123")
    #expect(!settings.verifyTLS && settings.useParameterStore)
    #expect(settings.timeoutSeconds == 4)
    #expect(settings.alexaSkillIds == ["amzn1.ask.skill.a", "amzn1.ask.skill.b"])
  }

  @Test(arguments: [
    ("HOME_ASSISTANT_URL", "ha.local:8123"),
    ("HOME_ASSISTANT_VERIFY_SSL", "maybe"),
    ("HOME_ASSISTANT_TIMEOUT", "soon"),
    ("HOME_ASSISTANT_TIMEOUT", "0"),
    ("ALEXA_MODE", "relay"),
  ])
  func aBadValueNamesItsVariable(name: String, value: String) {
    #expect {
      _ = try HomeAssistantSettings(environment: [name: value])
    } throws: { error in
      (error as? ConfigurationError)?.variable == name
        && String(describing: error).hasPrefix("\(name): ")
    }
  }

  @Test func theSummaryNeverShowsTheToken() throws {
    let settings = try HomeAssistantSettings(environment: ["HOME_ASSISTANT_TOKEN": "s3cr3t-token"])
    #expect(!settings.redactedSummary.map { "\($0.0)=\($0.1)" }.joined().contains("s3cr3t"))
  }

  @Test func honoursTheSkillAllowList() throws {
    let settings = try HomeAssistantSettings(environment: ["ALEXA_SKILL_ID": "amzn1.ask.skill.ok"])
    #expect(
      SecurityPolicy.isAllowed("amzn1.ask.skill.ok", by: settings.alexaSkillIds)
        && !SecurityPolicy.isAllowed("amzn1.ask.skill.other", by: settings.alexaSkillIds)
    )
    #expect(!SecurityPolicy.isAllowed(nil, by: settings.alexaSkillIds))
    #expect(
      !SecurityPolicy.isAllowed(
        "anything", by: try HomeAssistantSettings(environment: [:]).alexaSkillIds),
      "with no allow-list, no skill is allowed")
  }

  @Test(arguments: [
    ("us-east-1", "https://api.amazonalexa.com/v3/events"),
    ("sa-east-1", "https://api.amazonalexa.com/v3/events"),
    ("ca-central-1", "https://api.amazonalexa.com/v3/events"),
    ("eu-west-1", "https://api.eu.amazonalexa.com/v3/events"),
    ("me-central-1", "https://api.eu.amazonalexa.com/v3/events"),
    ("ap-south-1", "https://api.eu.amazonalexa.com/v3/events"),
    ("us-west-2", "https://api.fe.amazonalexa.com/v3/events"),
    ("ap-northeast-1", "https://api.fe.amazonalexa.com/v3/events"),
    ("ap-southeast-2", "https://api.fe.amazonalexa.com/v3/events"),
  ])
  func eventsGoToTheGatewayOfTheFunctionsRegion(region: String, gateway: String) throws {
    let settings = try HomeAssistantSettings(
      environment: ["ALEXA_CLIENT_ID": "id", "AWS_REGION": region])
    #expect(settings.events?.gatewayURL == gateway)
  }

  @Test func eventsAreOffWithoutAClientIdAndAShortPushSecretFailsInit() throws {
    #expect(try HomeAssistantSettings(environment: [:]).events == nil)
    let overridden = try HomeAssistantSettings(environment: [
      "ALEXA_CLIENT_ID": "id", "ALEXA_EVENT_GATEWAY_URL": "http://127.0.0.1:9/v3/events",
    ])
    #expect(overridden.events?.gatewayURL == "http://127.0.0.1:9/v3/events")
    #expect(overridden.events?.tokenURL == "https://api.amazon.com/auth/o2/token")
    #expect {
      _ = try HomeAssistantSettings(environment: [
        "ALEXA_CLIENT_ID": "id", "HOME_ASSISTANT_PUSH_SECRET": "too-short",
      ])
    } throws: { error in
      (error as? ConfigurationError)?.variable == "HOME_ASSISTANT_PUSH_SECRET"
    }
  }
}
