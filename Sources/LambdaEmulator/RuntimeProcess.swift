import Foundation
import LambdaRuntime

/// A spawned runtime (`bootstrap`) and what the kernel says about it.
public final class RuntimeProcess: Sendable {
  public let pid: pid_t
  /// Monotonic time of the spawn, for the init duration.
  public let spawnedAtNanoseconds: UInt64

  private init(pid: pid_t, spawnedAt: UInt64) {
    self.pid = pid
    spawnedAtNanoseconds = spawnedAt
  }

  /// Starts `executable` with exactly `environment`; its stdout goes to our stderr so a
  /// one-shot caller's stdout carries nothing but the reply, or both go to `logPath`
  /// (appended) when given.
  public static func spawn(
    executable: String, environment: [String: String], logPath: String? = nil
  ) throws -> RuntimeProcess {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let logPath {
      posix_spawn_file_actions_addopen(&actions, 2, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    }
    posix_spawn_file_actions_adddup2(&actions, 2, 1)
    let arguments = [executable]
    let environmentLines = environment.map { "\($0.key)=\($0.value)" }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environmentLines.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawnedAt = Clock.monotonicNanoseconds()
    let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard status == 0 else {
      throw EmulatorError.spawnFailed("\(executable): \(String(cString: strerror(status)))")
    }
    return RuntimeProcess(pid: pid, spawnedAt: spawnedAt)
  }

  /// Blocks until the process ends and returns a description of how it ended.
  public func waitForExit() -> String {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return "unknown" }
    }
    let signal = status & 0x7F
    if signal == 0 { return "exit status \((status >> 8) & 0xFF)" }
    return "signal \(signal)"
  }

  public func kill() { _ = Foundation.kill(pid, SIGKILL) }

  /// Peak resident memory (VmHWM), in KiB.
  public func highWaterMarkKiB() -> Int? { statusKiB("VmHWM:") }

  /// Resident memory now (VmRSS), in KiB.
  public func residentKiB() -> Int? { statusKiB("VmRSS:") }

  /// How many file descriptors the process has open.
  public func openDescriptors() -> Int? {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
  }

  private func statusKiB(_ field: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
      return nil
    }
    for line in status.split(separator: "\n") where line.hasPrefix(field) {
      return Int(
        line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
  }

  /// CPU time of every thread of the process, from `/proc/<pid>/task/*/schedstat`.
  public func cpuNanoseconds() -> UInt64 {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    var total: UInt64 = 0
    for task in tasks {
      guard
        let text = try? String(
          contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8),
        let first = text.split(separator: " ").first, let value = UInt64(first)
      else { continue }
      total += value
    }
    return total
  }
}
