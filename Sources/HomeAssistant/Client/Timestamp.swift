/// Home Assistant's timestamps (`2026-12-01T14:00:00.123456+00:00`, an `event` entity's
/// state) as Unix milliseconds. Strict and bounded: anything else is nil, never a trap.
enum Timestamp {
  /// `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
  static func milliseconds(_ text: String) -> Int64? {
    var reader = Reader(bytes: Array(text.utf8.prefix(64)))
    guard let year = reader.number(4), reader.take("-"), let month = reader.number(2),
      reader.take("-"), let day = reader.number(2), reader.take("T") || reader.take(" "),
      let hour = reader.number(2), reader.take(":"), let minute = reader.number(2),
      reader.take(":"), let second = reader.number(2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var millisecond: Int64 = 0
    if reader.take(".") {
      var digits = 0
      while let digit = reader.digit() {
        if digits < 3 { millisecond = millisecond * 10 + digit }
        digits += 1
      }
      guard digits > 0 else { return nil }
      for _ in digits..<max(digits, 3) { millisecond *= 10 }
    }
    var offsetMinutes: Int64 = 0
    if !reader.take("Z") {
      let sign: Int64
      if reader.take("+") { sign = 1 } else if reader.take("-") { sign = -1 } else { return nil }
      guard let hours = reader.number(2) else { return nil }
      _ = reader.take(":")
      guard let minutes = reader.number(2), hours < 24, minutes < 60 else { return nil }
      offsetMinutes = sign * (hours * 60 + minutes)
    }
    guard reader.isAtEnd else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
    return seconds * 1000 + millisecond
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
  /// algorithm); the year has four digits, so nothing here can overflow.
  private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }

    mutating func digit() -> Int64? {
      guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
      else { return nil }
      defer { index += 1 }
      return Int64(bytes[index] - UInt8(ascii: "0"))
    }

    mutating func number(_ width: Int) -> Int64? {
      var value: Int64 = 0
      for _ in 0..<width {
        guard let digit = digit() else { return nil }
        value = value * 10 + digit
      }
      return value
    }
  }
}
