// swift-tools-version:6.2
// DistillScope: forensic toolkit that finds out whether one language model was distilled from another.

import Foundation
import PackageDescription

// Hot kernels are built for AVX2 (x86-64-v3) by default on x86-64; the engine checks the CPU at start-up
// and fails with a clear message on one without AVX2. `DISTILLSCOPE_PORTABLE=1 swift build` builds a
// portable binary instead (SSE2 only, several times slower on the MinHash kernel).
let portable = ProcessInfo.processInfo.environment["DISTILLSCOPE_PORTABLE"] == "1"
var kernelSettings: [SwiftSetting] = []
// The AVX-512 (x86-64-v4) shingle kernel: chosen at run time, only on a CPU that has it.
var wideKernelSettings: [SwiftSetting] = []
#if arch(x86_64)
    if !portable {
        kernelSettings = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"]), .define("DISTILL_AVX2")]
        wideKernelSettings = [.unsafeFlags(["-Xcc", "-march=x86-64-v4"]), .define("DISTILL_AVX512")]
    }
#endif

// `DISTILLSCOPE_INTERNAL_CHECKS=1 swift build|test` compiles in the engine's invariant checks (hash tables,
// sorted key sets, buffers; InternalChecks.swift). `.ci/run` runs the tests with them.
let internalChecks = ProcessInfo.processInfo.environment["DISTILLSCOPE_INTERNAL_CHECKS"] == "1"
let coreSettings: [SwiftSetting] = internalChecks ? [.define("DISTILL_INTERNAL_CHECKS")] : []

let package = Package(
    name: "DistillScope",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DistillCore", targets: ["DistillCore"]),
        .library(name: "DistillStore", targets: ["DistillStore"]),
        .library(name: "DistillReport", targets: ["DistillReport"]),
        .executable(name: "distillscope", targets: ["distillscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "DistillKernels",
            swiftSettings: kernelSettings
        ),
        .target(
            name: "DistillKernelsWide",
            swiftSettings: wideKernelSettings
        ),
        .target(
            name: "DistillCore",
            dependencies: [
                "CZlib",
                "DistillKernels",
                "DistillKernelsWide",
                .product(name: "Collections", package: "swift-collections"),
            ],
            swiftSettings: coreSettings
        ),
        .target(
            name: "DistillStore",
            dependencies: [
                "DistillCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DistillReport",
            dependencies: ["DistillCore"]
        ),
        .executableTarget(
            name: "distillscope",
            dependencies: [
                "DistillCore",
                "DistillStore",
                "DistillReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: coreSettings
        ),
        .target(
            name: "DistillTestSupport",
            dependencies: ["DistillCore"]
        ),
        .testTarget(
            name: "DistillCoreTests",
            dependencies: ["DistillCore", "DistillTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DistillStoreTests",
            dependencies: ["DistillStore", "DistillTestSupport"]
        ),
        .testTarget(
            name: "DistillReportTests",
            dependencies: ["DistillReport", "DistillTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "DistillScopeCLITests",
            dependencies: ["distillscope", "DistillCore", "DistillStore", "DistillReport", "DistillTestSupport"],
            swiftSettings: coreSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
