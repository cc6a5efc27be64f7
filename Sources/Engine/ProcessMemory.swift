#if canImport(Glibc)
  import Glibc
#endif

/// Current and peak resident memory of this process, from /proc/self/status.
public enum ProcessMemory {
  public static func read() -> (rssMiB: Double, hwmMiB: Double) {
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return (0, 0) }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return (0, 0) }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    func kib(_ key: String) -> Double {
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else {
        return 0
      }
      return Double(
        line.split(separator: " ").dropFirst().first(where: { !$0.isEmpty && $0 != "\t" }) ?? "0")
        ?? 0
    }
    return (kib("VmRSS:") / 1024, kib("VmHWM:") / 1024)
  }
}
