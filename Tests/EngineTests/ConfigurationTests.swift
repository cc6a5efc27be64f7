import Engine
import Testing

@Suite struct ConfigurationTests {
  @Test func defaultsNeedNoVariables() throws {
    let configuration = try Configuration(environment: [:])
    #expect(configuration.homeAssistantURL == nil)
    #expect(configuration.verifyTLS)
    #expect(configuration.alexaMode == .native)
    #expect(configuration.deadlineMarginMilliseconds == 300)
    #expect(configuration.parameterName("HOME_ASSISTANT_TOKEN") == "/lee/HOME_ASSISTANT_TOKEN")
  }

  @Test func readsThePythonOriginalsNames() throws {
    let configuration = try Configuration(environment: [
      "HOME_ASSISTANT_URL": "https://ha.example.com:8123/", "HOME_ASSISTANT_TOKEN": "t",
      "HOME_ASSISTANT_VERIFY_SSL": "false", "HOME_ASSISTANT_TIMEOUT": "4", "DEBUG_MODE": "1",
      "USE_PARAMETER_STORE": "yes", "PARAMETER_PREFIX": "/home/", "LOG_LEVEL": "debug",
      "ALEXA_SKILL_ID": "amzn1.ask.skill.a, amzn1.ask.skill.b",
    ])
    #expect(configuration.homeAssistantURL == "https://ha.example.com:8123")
    #expect(!configuration.verifyTLS && configuration.debugMode && configuration.useParameterStore)
    #expect(configuration.homeAssistantTimeoutSeconds == 4)
    #expect(configuration.parameterName("X") == "/home/X")
    #expect(configuration.alexaSkillIds == ["amzn1.ask.skill.a", "amzn1.ask.skill.b"])
  }

  @Test(arguments: [
    ("HOME_ASSISTANT_URL", "ha.local:8123"),
    ("HOME_ASSISTANT_VERIFY_SSL", "maybe"),
    ("HOME_ASSISTANT_TIMEOUT", "soon"),
    ("HOME_ASSISTANT_TIMEOUT", "0"),
    ("ALEXA_MODE", "relay"),
    ("CACHE_MAX_ENTRIES", "-1"),
    ("LOG_LEVEL", "loud"),
    ("PARAMETER_PREFIX", "lee"),
  ])
  func aBadValueNamesItsVariable(name: String, value: String) {
    #expect {
      _ = try Configuration(environment: [name: value])
    } throws: { error in
      (error as? ConfigurationError)?.variable == name
        && String(describing: error).hasPrefix("\(name): ")
    }
  }

  @Test func theSummaryNeverShowsTheToken() throws {
    let configuration = try Configuration(environment: ["HOME_ASSISTANT_TOKEN": "s3cr3t-token"])
    #expect(!configuration.redactedSummary.map { "\($0.0)=\($0.1)" }.joined().contains("s3cr3t"))
  }
}
