import Foundation
import JSONCore

@testable import HomeAssistant

/// The interaction-model rules of the Alexa Skills Kit that can be checked offline (from
/// Amazon's "Create the interaction model" and "Choose the invocation name" pages): the
/// same intents in every locale, samples that reference only their intent's slots, a
/// carrier phrase beside every AMAZON.SearchQuery slot, no duplicate sample in a model,
/// no digits or stray punctuation in samples, and the invocation name's own rules.
enum InteractionModelRules {
  /// Words an invocation name may not contain: launch phrases and wake words.
  static let forbiddenInvocationWords: Set<String> = [
    "alexa", "amazon", "echo", "computer", "ziggy", "skill", "app", "ask", "tell", "open",
    "launch", "start", "load", "begin", "enable", "run", "play", "stop", "cancel",
  ]

  static func problems(_ model: JSON?, locale: String) -> [String] {
    guard let model else { return ["no languageModel"] }
    var problems = invocationProblems(model["invocationName"]?.string ?? "", locale: locale)
    let intents = model["intents"]?.array ?? []
    let names = intents.compactMap { $0["name"]?.string }
    let expected =
      SkillModel.builtInIntents + ["AssistIntent"] + SkillLanguage.carrierIntents
    if names != expected { problems.append("intents \(names) are not \(expected)") }
    var seen: [String: String] = [:]
    for intent in intents {
      let name = intent["name"]?.string ?? "?"
      let slots = intent["slots"]?.array ?? []
      let slotNames = Set(slots.compactMap { $0["name"]?.string })
      let samples = intent["samples"]?.array?.compactMap(\.string) ?? []
      if name.hasPrefix("AMAZON.") { continue }
      if samples.isEmpty { problems.append("\(name) has no sample") }
      let searchQuery = slots.filter { $0["type"]?.string == "AMAZON.SearchQuery" }
      for sample in samples {
        problems += sampleProblems(sample, intent: name, slots: slotNames)
        if !searchQuery.isEmpty, carrier(of: sample).isEmpty {
          problems.append("\(name): '\(sample)' has no carrier phrase beside its SearchQuery")
        }
        let key = sample.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let other = seen[key] { problems.append("'\(sample)' in both \(other) and \(name)") }
        seen[key] = name
      }
    }
    return problems
  }

  /// The sample without its slot references: the words Alexa hears around them.
  static func carrier(of sample: String) -> String {
    var text = sample
    while let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
      text.removeSubrange(open...close)
    }
    return text.trimmingCharacters(in: .whitespaces)
  }

  static func sampleProblems(_ sample: String, intent: String, slots: Set<String>) -> [String] {
    var problems: [String] = []
    if sample.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(intent): empty") }
    var references: [String] = []
    var rest = Substring(sample)
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else {
        problems.append("\(intent): '\(sample)' has an unclosed brace")
        break
      }
      references.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    for reference in references where !slots.contains(reference) {
      problems.append("\(intent): '\(sample)' names the undeclared slot \(reference)")
    }
    if Set(references).count != references.count {
      problems.append("\(intent): '\(sample)' uses a slot twice")
    }
    for scalar in carrier(of: sample).unicodeScalars where !allowedInSample(scalar) {
      problems.append("\(intent): '\(sample)' contains '\(scalar)'")
    }
    if sample.count > 200 { problems.append("\(intent): '\(sample)' is over 200 characters") }
    return problems
  }

  /// Letters of any script (and their combining marks), spaces, apostrophes, periods and
  /// hyphens; numbers must be spelled out.
  static func allowedInSample(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark:
      return true
    default:
      return " '.-".unicodeScalars.contains(scalar)
    }
  }

  static func invocationProblems(_ name: String, locale: String) -> [String] {
    var problems: [String] = []
    if name.isEmpty { return ["no invocation name"] }
    if !(2...50).contains(name.count) { problems.append("invocation name length \(name.count)") }
    if name != name.lowercased() { problems.append("invocation name '\(name)' is not lowercase") }
    let words = name.split(separator: " ").map(String.init)
    // Japanese writes no spaces: its name is one run of kana.
    if words.count < 2 && !locale.hasPrefix("ja") {
      problems.append("invocation name '\(name)' is one word")
    }
    for word in words where forbiddenInvocationWords.contains(word) {
      problems.append("invocation name contains '\(word)'")
    }
    for scalar in name.unicodeScalars
    where !allowedInSample(scalar) || scalar == "-" {
      problems.append("invocation name contains '\(scalar)'")
    }
    return problems
  }
}
