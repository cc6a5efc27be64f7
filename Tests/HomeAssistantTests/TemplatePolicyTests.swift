import Engine
import Foundation
import JSONCore
import TestSupport
import Testing

@testable import HomeAssistant

/// template.yaml grants each function exactly the Parameter Store access the code needs:
/// every value `StoredParameter` says a function with that environment reads (and writes)
/// is allowed, and nothing a function never reads is. The template is translated by AWS
/// SAM's own translator and its conditions resolved (scripts/template/policies.py, with
/// the tools scripts/check-template.sh installs), once per way of deploying it.
@Suite struct TemplatePolicyTests {
  static let secret = String(repeating: "s", count: 40)

  /// The stack deployed with `parameters`: its functions (environment and statements)
  /// and which function each Function URL reaches.
  private func stack(_ parameters: JSON) throws -> JSON { try TemplateStack.resolve(parameters) }

  private func allows(_ statements: [JSON], _ action: String, _ resource: String) -> Bool {
    statements.contains { statement in
      statement["Effect"] == "Allow"
        && (statement["Action"]?.array ?? []).contains { $0.string == action }
        && (statement["Resource"]?.array ?? []).contains { $0.string == resource }
    }
  }

  static let deployments: [JSON] = [
    ["TokenParameterPrefix": "/lee", "AlexaClientId": "client"],
    ["TokenParameterPrefix": "/home/lee", "AlexaClientId": "client"],
    [
      "TokenParameterPrefix": "", "AlexaClientId": "client", "AlexaClientSecret": "client-secret",
      "PushSecret": .string(secret),
    ],
    ["TokenParameterPrefix": "/lee", "AlexaClientId": ""],
    ["TokenParameterPrefix": "", "AlexaClientId": "", "HomeAssistantToken": "token"],
  ]

  /// The public URL reaches only a function that serves pushes, never Alexa's.
  @Test func theFunctionURLReachesThePushFunctionAlone() throws {
    let stack = try stack([
      "HomeAssistantUrl": "https://ha.example.com", "AlexaClientId": "client",
      "PushConcurrencyCap": "5",
    ])
    let urls = try #require(stack["urls"]?.object)
    #expect(urls.map(\.1) == ["PushFunction"])
    for (_, target) in urls {
      let environment = stack["functions"]?[target.string ?? ""]?["environment"]
      let served = try Configuration(environment: ["SERVE": environment?["SERVE"]?.string ?? ""])
        .served
      #expect(served == [.httpRequest, .operatorAction])
    }
    let alexa = stack["functions"]?["Function"]?["environment"]?["SERVE"]?.string ?? ""
    #expect(!alexa.contains("http"))
    #expect(stack["functions"]?["PushFunction"]?["reservedConcurrency"]?.string == "5")
  }

  /// Each function writes its own log group and no other: its role is the template's own,
  /// without AWSLambdaBasicExecutionRole (logs on every group of the account).
  @Test(arguments: deployments)
  func eachFunctionWritesItsOwnLogGroupOnly(deployment: JSON) throws {
    var parameters = deployment.object ?? JSONObject()
    parameters["HomeAssistantUrl"] = "https://ha.example.com"
    let functions = try #require(try stack(.object(parameters))["functions"]?.object)
    for (name, function) in functions {
      #expect(function["managedPolicies"]?.array?.count == 0, "\(name): \(function)")
      #expect(function["logGroup"] == "ref:LogGroup", "\(name)")
      let statements = function["statements"]?.array ?? []
      let logs = statements.filter {
        ($0["Action"]?.array ?? []).contains { $0.string?.hasPrefix("logs:") == true }
      }
      #expect(
        allows(
          logs, "logs:PutLogEvents",
          "arn:aws:logs:us-east-1:123456789012:log-group:${LogGroup}:*"), "\(name)")
      for statement in logs {
        #expect(
          statement["Resource"] == ["arn:aws:logs:us-east-1:123456789012:log-group:${LogGroup}:*"],
          "\(name): \(statement)")
      }
    }
  }

  @Test(arguments: deployments)
  func eachFunctionMayReadWhatItsCodeReadsAndNothingElse(deployment: JSON) throws {
    var parameters = deployment.object ?? JSONObject()
    parameters["HomeAssistantUrl"] = "https://ha.example.com"
    let functions = try #require(try stack(.object(parameters))["functions"]?.object)
    #expect(functions["Function"] != nil)
    #expect((functions["PushFunction"] != nil) == (deployment["AlexaClientId"] != ""))
    for (name, function) in functions {
      var environment: [String: String] = [:]
      for (key, value) in function["environment"]?.object ?? JSONObject() {
        environment[key] = value.string
      }
      let settings = try HomeAssistantSettings(environment: environment)
      let config = try Configuration(environment: environment)
      let statements = function["statements"]?.array ?? []
      let arn = "arn:aws:ssm:us-east-1:123456789012:parameter"
      var needed: Set<String> = []
      for parameter in StoredParameter.allCases
      where parameter.isRead(with: settings) && !parameter.readBy.isDisjoint(with: config.served) {
        let resource = arn + config.parameterName(parameter.rawValue)
        needed.insert(resource)
        #expect(
          allows(statements, "ssm:GetParameter", resource), "\(name) must read \(resource)")
        if parameter.isWritten {
          #expect(
            allows(statements, "ssm:PutParameter", resource), "\(name) must write \(resource)")
        }
      }
      let granted = statements.flatMap { $0["Resource"]?.array ?? [] }.compactMap(\.string)
        .filter { $0.hasPrefix("arn:aws:ssm:") }
      let servedHere = Set(
        StoredParameter.allCases.filter { !$0.readBy.isDisjoint(with: config.served) }.map {
          $0.rawValue
        })
      for resource in granted {
        let parameter = String(resource.split(separator: "/").last ?? "")
        #expect(servedHere.contains(parameter), "\(name) need not read \(resource)")
      }
    }
  }
}
