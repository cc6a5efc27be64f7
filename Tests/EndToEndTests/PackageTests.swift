import Foundation
import JSONCore
import LambdaEmulator
import Testing

/// The deployment zip that scripts/test.sh builds with scripts/package.sh
/// (LEE_PACKAGE_ZIP): its layout, that it stays within provided.al2023's glibc, and that
/// the unpacked bootstrap runs and loads the bundled libcurl.
@Suite(
  .serialized,
  .enabled(if: DeploymentZip.path != nil, "needs the zip scripts/test.sh builds (LEE_PACKAGE_ZIP)"))
struct PackageTests {
  static let zip = DeploymentZip.path
  /// Libraries every Lambda OS-only image has: glibc's own, and GCC's runtime (the static
  /// Swift stdlib still links libstdc++; package.sh checks its symbol versions).
  static let glibc: Set<String> = [
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libstdc++.so.6", "libgcc_s.so.1",
  ]

  static func run(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// The zip unpacked into a fresh directory.
  static func unpacked() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lee-package-\(UUID().uuidString)")
    _ = try run("unzip", ["-q", zip!, "-d", directory.path])
    return directory
  }

  @Test func bootstrapIsAtTheRootAndLibcurlWithWhatItNeedsUnderLib() throws {
    let directory = try Self.unpacked()
    defer { try? FileManager.default.removeItem(at: directory) }
    let listing = try Self.run("unzip", ["-Z1", Self.zip!]).split(separator: "\n").map(String.init)
    #expect(
      Set(listing) == [
        "bootstrap", "lib/", "lib/libcurl.so.4", "lib/libssl.so.3", "lib/libcrypto.so.3",
        "lib/libz.so.1",
      ])
    #expect(FileManager.default.isExecutableFile(atPath: directory.path + "/bootstrap"))
    let bundled = Set(listing.filter { $0.hasPrefix("lib/") }.map { String($0.dropFirst(4)) })
    for file in listing where file != "lib/" {
      let headers = try Self.run("objdump", ["-p", directory.path + "/" + file])
      let needed = headers.split(separator: "\n").filter { $0.contains("NEEDED") }.map {
        String($0.split(separator: " ", omittingEmptySubsequences: true).last ?? "")
      }
      for library in needed {
        #expect(
          Self.glibc.contains(library) || bundled.contains(library),
          "\(file) needs \(library), which is neither glibc's nor in lib/")
      }
      let symbols = try Self.run("objdump", ["-T", directory.path + "/" + file])
      let versions = symbols.split(separator: "GLIBC_").dropFirst().compactMap {
        $0.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
      }
      let newest = versions.max { $0.lexicographicallyPrecedes($1) } ?? []
      #expect(newest.lexicographicallyPrecedes([2, 35]), "\(file) needs glibc \(newest)")
    }
  }

  @Test func theUnpackedBootstrapRunsWithTheBundledLibcurl() throws {
    let directory = try Self.unpacked()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lambda = try TestFunction.start(
      [
        "HOME_ASSISTANT_URL": DemoHomeAssistant.url ?? "http://127.0.0.1:9",
        "HOME_ASSISTANT_TOKEN": DemoHomeAssistant.token ?? "none",
      ], bootstrap: directory.path + "/bootstrap")
    defer { lambda.shutdown() }
    let ping = try JSONParser.parse(lambda.invoke(Array(#"{"action":"ping"}"#.utf8)).body)
    #expect(ping["ok"] == true, "\(ping)")
    let diagnostics = try JSONParser.parse(
      lambda.invoke(Array(#"{"action":"diagnostics"}"#.utf8)).body)
    let libcurl = diagnostics.description
    #expect(libcurl.contains("libcurl/"), "\(diagnostics)")
    // The system's libcurl names its HTTP/2, RTMP and SSH libraries; the bundled one has none.
    #expect(!libcurl.contains("nghttp2") && !libcurl.contains("librtmp"))
    // And the libraries bundled with it are the ones it runs with, although the system has
    // its own (Lambda's LD_LIBRARY_PATH would find /lib64's first).
    let libraries = diagnostics["libraries"]?.object ?? JSONObject()
    for soname in ["libcurl.so.4", "libssl.so.3", "libcrypto.so.3", "libz.so.1"] {
      let path = libraries[soname]?.string ?? ""
      #expect(
        path.hasPrefix(directory.path) && path.hasSuffix("/lib/" + soname),
        "\(soname) came from \(path)")
    }
  }
}

enum DeploymentZip {
  static let path = ProcessInfo.processInfo.environment["LEE_PACKAGE_ZIP"]
}
