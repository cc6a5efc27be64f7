import Engine
import Testing

@Suite struct ConfigurationTests {
  @Test func defaultsNeedNoVariables() throws {
    let configuration = try Configuration(environment: [:])
    #expect(configuration.deadlineMarginMilliseconds == 300)
    #expect(configuration.parameterName("HOME_ASSISTANT_TOKEN") == "/lee/HOME_ASSISTANT_TOKEN")
  }

  @Test func readsThePythonOriginalsNames() throws {
    let configuration = try Configuration(environment: [
      "DEBUG_MODE": "1", "PARAMETER_PREFIX": "/home/", "LOG_LEVEL": "debug",
    ])
    #expect(configuration.debugMode)
    #expect(configuration.parameterName("X") == "/home/X")
  }

  @Test(arguments: [
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
}
