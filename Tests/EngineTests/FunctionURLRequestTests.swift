import Engine
import JSONCore
import TestSupport
import Testing

/// Function URL events (payload 2.0) are routed as HTTP requests and read as AWS sends
/// them; base64 bodies decode, broken ones are refused.
@Suite struct FunctionURLRequestTests {
  @Test func aFunctionURLEventIsAnHTTPRequestRoute() throws {
    let event = FunctionURLEvent.make(path: "/push", body: "{}")
    #expect(EventClassifier.route(of: event) == .httpRequest(method: "POST", path: "/push"))
    #expect(
      EventClassifier.route(of: SkillEvent.make("LaunchRequest"))
        == .customSkill(requestType: "LaunchRequest"))
  }

  @Test func headersAndBodyAreReadAsSent() throws {
    let request = try #require(
      FunctionURLRequest(
        FunctionURLEvent.make(headers: ["Authorization": "Bearer s"], body: #"{"a":1}"#)))
    #expect(request.method == "POST" && request.path == "/")
    #expect(request.headers["authorization"] == "Bearer s")
    #expect(request.body == Array(#"{"a":1}"#.utf8))
    let encoded = try #require(
      FunctionURLRequest(FunctionURLEvent.make(body: "eyJhIjoxfQ==", base64: true)))
    #expect(encoded.body == Array(#"{"a":1}"#.utf8))
    #expect(FunctionURLRequest(FunctionURLEvent.make(body: "not*base64", base64: true)) == nil)
  }

  @Test(arguments: [
    ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg", "foob"),
    ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
  ])
  func base64MatchesRFC4648(encoded: String, decoded: String) {
    #expect(Base64.decode(encoded) == Array(decoded.utf8))
  }

  @Test(arguments: ["Z", "Zg==Zg", "Zg===", "@@@@"])
  func brokenBase64IsRefused(text: String) {
    #expect(Base64.decode(text) == nil)
  }

  @Test func theReplyIsWhatLambdaTurnsIntoHTTP() throws {
    let reply = try JSONParser.parse(
      FunctionURLRequest.response(status: 401, body: ["error": "x"]).bytes)
    #expect(reply["statusCode"] == 401)
    #expect(reply["headers"]?["content-type"] == "application/json")
    #expect(try JSONParser.parse(reply["body"]?.string ?? "") == ["error": "x"])
  }
}
