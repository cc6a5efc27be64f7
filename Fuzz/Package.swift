// swift-tools-version: 6.0
// libFuzzer targets for LEE: scripts/fuzz.sh builds them with AddressSanitizer and
// coverage instrumentation and runs them. A package of its own, so the main build never
// needs the fuzzer runtime.
import PackageDescription

let fuzzTargets = ["FuzzEvents", "FuzzDirectives", "FuzzStates"]

let package = Package(
  name: "lee-fuzz",
  dependencies: [.package(name: "lee-swift", path: "..")],
  targets: [.target(name: "FuzzSupport")]
    + fuzzTargets.map { name in
      .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "HomeAssistant", package: "lee-swift")],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
