import JSONCore
import TestSupport
import Testing

/// template.yaml's Rules refuse parameters that would deploy a stack that cannot work
/// (CloudFormation then refuses the whole stack, before anything is made), and its
/// optional settings reach the function's environment.
@Suite struct TemplateRulesTests {
  static let url: JSON = "https://ha.example.com"

  static let refusals: [(JSON, [String])] = [
    ([:], ["HomeIsReachable"]),
    (["HomeAssistantUrl": url, "AlexaClientId": "client"], ["EventsHaveTheirSecrets"]),
    (
      ["HomeAssistantUrl": url, "AlexaClientId": "client", "AlexaClientSecret": "secret"],
      ["EventsHaveTheirSecrets"]
    ),
    (
      ["HomeAssistantUrl": url, "TokenKmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k"],
      ["KeyNeedsTheStore"]
    ),
    (["LinkOwnerId": "amzn1.account.OWNER"], []),
    (["HomeAssistantUrl": url, "AlexaClientId": "client", "TokenParameterPrefix": "/lee"], []),
  ]

  @Test(arguments: refusals)
  func inconsistentParametersAreRefusedBeforeAnythingIsMade(
    parameters: JSON, refusedBy: [String]
  ) throws {
    let stack = try TemplateStack.resolve(parameters)
    #expect((stack["refusedBy"]?.array ?? []).compactMap(\.string) == refusedBy)
  }

  @Test(arguments: TemplatePolicyTests.deployments)
  func everyDeploymentTheTestsCheckIsAccepted(deployment: JSON) throws {
    var parameters = deployment.object ?? JSONObject()
    parameters["HomeAssistantUrl"] = Self.url
    let stack = try TemplateStack.resolve(.object(parameters))
    #expect(stack["refusedBy"]?.array?.isEmpty == true)
  }

  @Test func theCABundleAndTheEntityFiltersReachTheFunction() throws {
    let stack = try TemplateStack.resolve([
      "HomeAssistantUrl": Self.url, "CaBundle": "/var/task/ca/home-assistant.pem",
      "IncludeDomains": "light,switch", "ExcludeEntities": "light.hall_*",
    ])
    let environment = stack["functions"]?["Function"]?["environment"]
    #expect(environment?["HOME_ASSISTANT_CA_BUNDLE"] == "/var/task/ca/home-assistant.pem")
    #expect(environment?["ALEXA_INCLUDE_DOMAINS"] == "light,switch")
    #expect(environment?["ALEXA_EXCLUDE_ENTITIES"] == "light.hall_*")
    #expect(environment?["ALEXA_EXCLUDE_DOMAINS"] == nil)
  }

  @Test func linkModeGivesTheFunctionNoHomeAssistantURL() throws {
    let stack = try TemplateStack.resolve(["LinkOwnerId": "amzn1.account.OWNER"])
    let environment = stack["functions"]?["Function"]?["environment"]
    #expect(environment?["HOME_ASSISTANT_URL"] == nil)
    #expect(environment?["LINK_OWNER_ID"] == "amzn1.account.OWNER")
    #expect(environment?["LINK_QUEUE_URL"] == "ref:LinkRequestQueue")
    #expect(stack["users"]?["BridgeUser"] != nil)
  }
}
