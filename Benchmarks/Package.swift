// swift-tools-version:6.1
// DistillScope benchmarks (package-benchmark). A separate package so `swift test` at the root never
// builds them. Run from this directory: `swift package benchmark`.

import PackageDescription

let package = Package(
    name: "DistillScopeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so products resolve whatever the checkout's directory is called.
        .package(name: "DistillScope", path: ".."),
        // Only wall-clock, malloc and memory metrics work on Linux; the malloc metrics need this trait.
        // Naming it also drops the default `RuntimeInterposer` trait, whose package is not vetted.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TextPipelineBenchmarks",
            dependencies: [
                .product(name: "DistillCore", package: "DistillScope"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TextPipeline",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Kernel throughput on one and two threads, as JSON, for scripts/bench-peers.sh.
        .executableTarget(
            name: "kernel-bench",
            dependencies: [.product(name: "DistillCore", package: "DistillScope")],
            path: "KernelBench"
        ),
        // Subword tokenisation throughput per tokeniser on one thread, as JSON (docs/watermark.md).
        .executableTarget(
            name: "tokenizer-bench",
            dependencies: [.product(name: "DistillCore", package: "DistillScope")],
            path: "TokenizerBench"
        ),
        // Deployed watermark throughput (KGW cached look-ups, green-list builds, SynthID g-values) as JSON.
        .executableTarget(
            name: "watermark-bench",
            dependencies: [.product(name: "DistillCore", package: "DistillScope")],
            path: "WatermarkBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
