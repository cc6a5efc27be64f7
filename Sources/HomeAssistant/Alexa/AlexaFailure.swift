import JSONCore

/// A directive that cannot be carried out, with the Alexa error that says why.
struct AlexaFailure: Error {
  let type: AlexaErrorType
  let message: String
  var extraPayload: [(String, JSON)] = []

  static func outOfRange(_ name: String, _ value: Double, _ range: ClosedRange<Double>)
    -> AlexaFailure
  {
    AlexaFailure(
      type: .valueOutOfRange,
      message: "\(name) \(value) is outside \(range.lowerBound)…\(range.upperBound)",
      extraPayload: [
        (
          "validRange",
          ["minimumValue": .number(range.lowerBound), "maximumValue": .number(range.upperBound)]
        )
      ])
  }
}
