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
}
