import JSONCore
import Testing

@Suite struct JSONParserTests {
  @Test func parsesEveryKindOfValue() throws {
    let value = try JSONParser.parse(#"{"a":[1,-2.5e2,true,false,null],"b":{"c":"d"},"e":""}"#)
    #expect(value["a"] == [1, -250, true, false, nil])
    #expect(value["b"]?["c"]?.string == "d")
    #expect(value["e"]?.string == "")
    #expect(value.object?.keys == ["a", "b", "e"])
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "plain é"]"#)
    #expect(value[0]?.string == "\"\\/\u{08}\u{0C}\n\r\t")
    #expect(value[1]?.string == "é😀")
    #expect(value[2]?.string == "plain é")
  }

  @Test(arguments: [
    ("", JSONParseError.Reason.empty),
    ("{", .unexpectedEnd),
    ("[1,]", .unexpectedByte),
    ("01", .trailingData),
    ("1.", .invalidNumber),
    ("-", .invalidNumber),
    ("\"a", .unexpectedEnd),
    ("\"\u{01}\"", .invalidString),
    (#""\x""#, .invalidEscape),
    (#""\ud800""#, .invalidEscape),
    ("{\"a\" 1}", .unexpectedByte),
    ("tru", .unexpectedEnd),
    ("nul!", .unexpectedByte),
    ("[1] x", .trailingData),
    ("1e999", .invalidNumber),
  ])
  func rejectsMalformedDocuments(text: String, reason: JSONParseError.Reason) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    do {
      _ = try JSONParser.parse(text)
    } catch {
      #expect(error.reason == reason, "\(text)")
    }
  }

  @Test func rejectsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
    #expect(throws: JSONParseError(reason: .invalidUTF8, offset: 1)) { try JSONParser.parse(bytes) }
  }

  @Test func limitsNestingDepthWithoutRecursingDeeply() throws {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(try JSONParser.parse(allowed).array?.count == 1)
    let tooDeep = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
    do {
      _ = try JSONParser.parse(tooDeep)
      Issue.record("expected tooDeep")
    } catch {
      #expect(error.reason == .tooDeep)
    }
  }

  @Test func laterDuplicateKeysWin() throws {
    let value = try JSONParser.parse(#"{"a":1,"a":2}"#)
    #expect(value["a"] == 2)
    #expect(value.object?.count == 1)
  }
}

@Suite struct JSONWriterTests {
  @Test func writesCompactAndRoundTrips() throws {
    let text = #"{"a":[1,2.5,true,null],"b":"x\"y\n\u0001","c":{}}"#
    let value = try JSONParser.parse(text)
    #expect(JSONWriter().string(value) == text)
    #expect(try JSONParser.parse(JSONWriter(pretty: true).string(value)) == value)
  }

  @Test func integralNumbersHaveNoFraction() {
    #expect(JSONWriter().string([50, 0.5, -3, 1e20]) == "[50,0.5,-3,1e+20]")
    #expect(JSONWriter().string(.number(.nan)) == "null")
  }

  @Test func prettyIndentsByTwo() {
    #expect(JSONWriter(pretty: true).string(["a": [1]]) == "{\n  \"a\": [\n    1\n  ]\n}")
  }

  @Test func objectEditingKeepsOrder() {
    var object = JSONObject([("z", 1), ("a", 2)])
    object["m"] = 3
    object["z"] = 4
    object["a"] = nil
    #expect(object.keys == ["z", "m"])
    #expect(JSON.object(object) == ["z": 4, "m": 3])
  }
}

@Suite struct JSONFragmentTests {
  @Test func aFragmentWritesItsBytesAndReadsLikeItsValue() throws {
    let value: JSON = ["type": "AlexaInterface", "version": "3", "list": [1, 2]]
    let fragment = JSON.fragment(JSONFragment(value))
    let document: JSON = ["a": fragment, "b": fragment]
    #expect(
      JSONWriter().string(document)
        == #"{"a":{"type":"AlexaInterface","version":"3","list":[1,2]},"b":{"type":"AlexaInterface","version":"3","list":[1,2]}}"#
    )
    #expect(fragment == value && value == fragment)
    #expect(fragment["type"]?.string == "AlexaInterface" && fragment["list"]?[1] == 2)
    #expect(fragment.object?.count == 3 && !fragment.isNull)
    #expect(try JSONParser.parse(JSONWriter(pretty: true).string(document)) == document)
  }
}

@Suite struct WideObjectTests {
  /// One object with `count` keys, `"k0":0,"k1":1,…`.
  static func wide(_ count: Int, duplicate: Bool = false) -> [UInt8] {
    var text = "{"
    for index in 0..<count { text += "\"k\(index)\":\(index)," }
    if duplicate { text += "\"k0\":\"last\"," }
    text.removeLast()
    return Array((text + "}").utf8)
  }

  /// Quadratic insertion took over 10 s for 90,000 keys; linear parsing is well under 1 s
  /// even in a debug build (the figure itself is in scripts/bench.sh).
  @Test func ninetyThousandKeysParseInLinearTime() throws {
    let clock = ContinuousClock()
    var object: JSONObject?
    let elapsed = try clock.measure { object = try JSONParser.parse(Self.wide(90_000)).object }
    #expect(object?.count == 90_000)
    #expect(object?.keys.last == "k89999")
    #expect(elapsed < .seconds(5))  // a hang guard; the target is in bench.sh
  }

  @Test(arguments: [4, 40_000])
  func theLastDuplicateWinsInTheFirstPlace(count: Int) throws {
    let object = try #require(JSONParser.parse(Self.wide(count, duplicate: true)).object)
    #expect(object.count == count)
    #expect(object.keys.first == "k0")
    #expect(object["k0"] == "last")
  }
}
