import Engine
import JSONCore
import LambdaRuntime
import Testing

/// `SERVE`: one zip, two functions. The one behind the public Function URL answers
/// pushes and operator events only; the one Alexa invokes never answers the URL's
/// requests. A family not served is refused before any handler runs.
@Suite struct ServedFamiliesTests {
  static let directive = #"{"directive":{"header":{"namespace":"Alexa","name":"ReportState"}}}"#
  static let push =
    #"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"POST","path":"/"}},"headers":{},"body":"{}"}"#

  /// A gateway with a handler for every family that records which ran.
  private func gateway(_ serve: String) throws -> (Gateway, () -> [Route.Family]) {
    let gateway = try TestGateway.make(["SERVE": serve])
    final class Ran { var families: [Route.Family] = [] }
    let ran = Ran()
    try gateway.install { table in
      for family in Route.Family.allCases where family != .operatorAction {
        table.fallback(for: family) { context, _ in
          ran.families.append(context.route.family)
          return .json("answered")
        }
      }
    }
    return (gateway, { ran.families })
  }

  @Test func thePushFunctionAnswersTheURLAndOperatorsOnly() throws {
    let (gateway, ran) = try gateway("http,operator")
    #expect(throws: FunctionError.self) {
      _ = try gateway.handle(TestGateway.invocation(Self.directive))
    }
    _ = try gateway.handle(TestGateway.invocation(Self.push))
    let ping = try JSONParser.parse(gateway.handle(TestGateway.invocation(#"{"action":"ping"}"#)))
    #expect(ping["status"] != nil || ping["ok"] != nil, "\(ping)")
    #expect(ran() == [.httpRequest])
  }

  @Test func theAlexaFunctionRefusesTheURLsRequests() throws {
    let (gateway, ran) = try gateway("smart-home,custom-skill,operator,schedule")
    #expect {
      _ = try gateway.handle(TestGateway.invocation(Self.push))
    } throws: { error in
      (error as? FunctionError)?.errorType == "InvalidEvent.NotServed"
    }
    _ = try gateway.handle(TestGateway.invocation(Self.directive))
    #expect(ran() == [.smartHome])
  }

  @Test func everythingIsServedByDefaultAndAnUnknownNameFailsInit() throws {
    #expect(try TestGateway.make().services.config.served == Set(Route.Family.allCases))
    #expect {
      _ = try TestGateway.make(["SERVE": "smart-home,pushes"])
    } throws: { error in
      (error as? ConfigurationError)?.variable == "SERVE"
    }
  }
}
