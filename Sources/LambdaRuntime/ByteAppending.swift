/// Appending text to bytes without a per-byte walk: the runtime's requests and the metrics
/// line are written this way on every invocation.
extension Array where Element == UInt8 {
  /// Static text, copied as one block (no reference count touched).
  public mutating func append(static text: StaticString) {
    append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// A string's bytes, copied from its contiguous storage (a `utf8` view is walked byte by byte).
  public mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(contentsOf: $0) }
  }
}
