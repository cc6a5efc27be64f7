// swift-tools-version: 6.0
// LEE for Swift — the Lambda Execution Engine that lets Alexa control Home Assistant.
// No package dependencies by design: the toolchain, Glibc and (loaded lazily) libcurl only.
import PackageDescription

let package = Package(
  name: "lee-swift",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "bootstrap", targets: ["bootstrap"]),
    .executable(name: "lambda-local", targets: ["lambda-local"]),
    // The home link's bridge: runs in the home, next to Home Assistant (README).
    .executable(name: "lee-bridge", targets: ["lee-bridge"]),
    // For the fuzz targets in Fuzz/ (a package of their own, built with libFuzzer).
    .library(name: "HomeAssistant", targets: ["HomeAssistant"]),
  ],
  targets: [
    // libcurl's headers plus a dlopen shim: nothing links libcurl, so a process that
    // never talks upstream never pays for loading it.
    .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
    .target(name: "GlibcCompat", linkerSettings: [.linkedLibrary("m")]),
    // A small ordered JSON value with a bounded parser: FoundationEssentials has no
    // JSONSerialization, and Home Assistant attributes are free-form.
    .target(name: "JSONCore"),
    .target(name: "LambdaRuntime", dependencies: ["JSONCore"]),
    .target(name: "Engine", dependencies: ["LambdaRuntime", "JSONCore", "CCurl"]),
    .target(
      name: "HomeAssistant", dependencies: ["Engine"], exclude: ["Alexa/Interfaces/README.md"]),
    .executableTarget(
      name: "bootstrap", dependencies: ["HomeAssistant", "Engine", "LambdaRuntime", "GlibcCompat"]),
    .executableTarget(
      name: "lee-bridge", dependencies: ["HomeAssistant", "Engine", "LambdaRuntime", "GlibcCompat"]
    ),
    // The local Lambda service: the Runtime API, the invoke endpoint, a supervised runtime.
    .target(name: "LambdaEmulator", dependencies: ["LambdaRuntime", "JSONCore"]),
    .executableTarget(name: "lambda-local", dependencies: ["LambdaEmulator"]),
    // Measures the gateway's own cost in-process (scripts/bench.sh); never deployed.
    .executableTarget(
      name: "engine-bench",
      dependencies: ["Engine", "HomeAssistant", "LambdaRuntime", "JSONCore", "LambdaEmulator"]),
    .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "LambdaEmulator"]),
    .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
    // Fakes shared by the test targets: a scriptable upstream, a captured log.
    .target(
      name: "TestSupport", dependencies: ["LambdaEmulator", "LambdaRuntime", "JSONCore", "Engine"],
      path: "Tests/TestSupport"),
    .testTarget(
      name: "EngineTests", dependencies: ["Engine", "TestSupport"], exclude: ["Fixtures"]),
    // Fixtures are read by path (#filePath), not bundled as resources.
    .testTarget(
      name: "HomeAssistantTests", dependencies: ["HomeAssistant", "Engine", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["LambdaEmulator", "LambdaRuntime", "Engine", "JSONCore", "TestSupport"],
      exclude: ["Fixtures"]),
  ]
)
