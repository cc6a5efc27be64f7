/// Serialises `JSON` into UTF-8 bytes, compact by default.
public struct JSONWriter {
  public var pretty: Bool

  public init(pretty: Bool = false) { self.pretty = pretty }

  public func bytes(_ value: JSON) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    write(value, into: &output, indent: 0)
    return output
  }

  public func string(_ value: JSON) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  public func write(_ value: JSON, into output: inout [UInt8], indent: Int = 0) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number): JSONWriter.appendNumber(number, to: &output)
    case .string(let text): JSONWriter.appendQuoted(text, to: &output)
    case .fragment(let fragment):
      if pretty {
        write(fragment.value, into: &output, indent: indent)
      } else {
        output.append(contentsOf: fragment.bytes)
      }
    case .array(let items):
      output.append(UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, indent: indent + 1)
        write(item, into: &output, indent: indent + 1)
      }
      if !items.isEmpty { newline(into: &output, indent: indent) }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, indent: indent + 1)
        JSONWriter.appendQuoted(member.key, to: &output)
        output.append(UInt8(ascii: ":"))
        if pretty { output.append(UInt8(ascii: " ")) }
        write(member.value, into: &output, indent: indent + 1)
      }
      if object.count > 0 { newline(into: &output, indent: indent) }
      output.append(UInt8(ascii: "}"))
    }
  }

  private func newline(into output: inout [UInt8], indent: Int) {
    guard pretty else { return }
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  /// Integral values print without a fraction (Alexa wants `50`, not `50.0`).
  public static func appendNumber(_ number: Double, to output: inout [UInt8]) {
    guard number.isFinite else {
      output.append(contentsOf: "null".utf8)
      return
    }
    if number.rounded() == number, abs(number) < 9.0e15 {
      appendInteger(Int64(number), to: &output)
    } else {
      output.append(contentsOf: number.description.utf8)
    }
  }

  /// Appends `value` rounded to thousandths (a duration in milliseconds), exactly as
  /// `appendNumber` writes that rounded value, without formatting a `Double`: the shortest
  /// decimal that reads back as n / 1000 has at most three decimals.
  public static func appendThousandths(_ value: Double, to output: inout [UInt8]) {
    let scaled = (value * 1000).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15 else {
      appendNumber(scaled / 1000, to: &output)
      return
    }
    let units = Int64(scaled)
    if units < 0 { output.append(UInt8(ascii: "-")) }
    appendInteger(Int64(units.magnitude / 1000), to: &output)
    var fraction = Int(units.magnitude % 1000)
    guard fraction != 0 else { return }
    output.append(UInt8(ascii: "."))
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    var divisor = 1
    for _ in 1..<digits { divisor *= 10 }
    while divisor > 0 {
      output.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
      divisor /= 10
    }
  }

  /// Appends `value`'s decimal digits (a timestamp on every metrics line) without making a
  /// string first.
  static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = digits.count
      repeat {
        first -= 1
        digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
    }
  }

  /// Appends `text` as a JSON string literal, escaping what RFC 8259 requires. Runs of
  /// bytes that need no escape (nearly all of them) are copied whole.
  public static func appendQuoted(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      var runStart = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        appendEscaped(byte, to: &output)
        runStart = index + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    output.append(UInt8(ascii: "\""))
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// A quote, a backslash or a control character, escaped.
  private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
    case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
    case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
    case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
    case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
    default:
      output.append(contentsOf: [
        0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)],
      ])
    }
  }

  /// `text` as a JSON string literal.
  public static func quoted(_ text: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count + 2)
    appendQuoted(text, to: &output)
    return String(decoding: output, as: UTF8.self)
  }
}

extension JSON: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSONWriter().string(self) }
}
