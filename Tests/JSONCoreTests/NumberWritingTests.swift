import Testing

@testable import JSONCore

/// Numbers the metrics line writes without formatting a `Double`.
@Suite struct NumberWritingTests {
  private func written(_ write: (inout [UInt8]) -> Void) -> String {
    var bytes: [UInt8] = []
    write(&bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func thousandthsAreWrittenAsTheRoundedValueItselfWouldBe() {
    var generator = SystemRandomNumberGenerator()
    var values: [Double] = [0, -0.0, 0.0004, 0.0005, -0.0005, 1, 20.115544, 999.9995, 1e9 + 0.25]
    for _ in 0..<20_000 {
      let magnitude = [1.0, 10, 1000, 1e6][Int.random(in: 0..<4, using: &generator)]
      values.append(Double.random(in: -magnitude...magnitude, using: &generator))
    }
    for value in values {
      let rounded = (value * 1000).rounded() / 1000
      #expect(
        written { JSONWriter.appendThousandths(value, to: &$0) }
          == written { JSONWriter.appendNumber(rounded, to: &$0) }, "\(value)")
    }
  }

  @Test func integersAreWrittenDigitByDigit() {
    for value: Int64 in [0, 7, -7, 10, 1_796_000_000_123, .max, .min] {
      #expect(written { JSONWriter.appendInteger(value, to: &$0) } == String(value))
    }
  }
}
