// swift-tools-version:6.1
// DistillScope: forensic toolkit that finds out whether one language model was distilled from another.

import PackageDescription

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
            name: "DistillCore",
            dependencies: [
                "CZlib",
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "DistillStore",
            dependencies: [
                "DistillCore",
                .product(name: "GRDB", package: "GRDB.swift"),
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
            ]
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
            dependencies: ["DistillReport", "DistillTestSupport"]
        ),
        .testTarget(
            name: "DistillScopeCLITests",
            dependencies: ["distillscope", "DistillCore", "DistillTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
