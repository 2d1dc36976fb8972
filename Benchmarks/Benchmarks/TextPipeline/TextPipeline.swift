import Benchmark
import DistillCore
import Foundation

// Benchmarks of the text pipeline (DESIGN.md "Measured on this machine"): the fused ASCII fast
// path against the two-step and Foundation paths, non-ASCII text, the stable hashes, and the
// corpus reader end to end. Every input is generated from a fixed seed, so runs are comparable.
//
// Throughput is reported as a custom metric in MB/s (10^6 bytes of input per second, timed around
// the work inside each iteration) or M ids/s for the hash kernels; `throughput` is iterations/s.

/// Bytes of sample text for the in-memory text benchmarks.
let sampleTextBytes = 4_000_000
/// Bytes of JSONL for the corpus reader benchmark.
let corpusFixtureBytes = 20_000_000
/// Word ids for the hash benchmarks.
let hashInputCount = 4_000_000

let asciiText = SampleText.make(byteCount: sampleTextBytes, seed: 0x5EED_0001)
let asciiBytes = Array(asciiText.utf8)
let nonASCIIText = SampleText.make(byteCount: sampleTextBytes, seed: 0x5EED_0002, nonASCII: true)
let nonASCIIBytes = Array(nonASCIIText.utf8)

/// Real word ids (the ASCII sample through the pipeline), repeated to ``hashInputCount``.
let hashInput: [UInt64] = {
    var pipeline = DistillCore.TextPipeline()
    let ids = pipeline.wordIDs(of: asciiText)
    var out = [UInt64]()
    out.reserveCapacity(hashInputCount)
    while out.count < hashInputCount { out.append(contentsOf: ids.prefix(hashInputCount - out.count)) }
    return out
}()

enum Metrics {
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let millionIDsPerSecond = BenchmarkMetric.custom(
        "M ids/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Wall clock, iterations/s, malloc calls and the given rate metric.
func configuration(
    rate: BenchmarkMetric, maxDuration: Duration = .seconds(3),
    setup: Benchmark.BenchmarkSetupHook? = nil, teardown: Benchmark.BenchmarkTeardownHook? = nil
) -> Benchmark.Configuration {
    .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, rate], units: [rate: .count],
        warmupIterations: 1, maxDuration: maxDuration, maxIterations: 200, setup: setup, teardown: teardown)
}

/// Runs `body` and records `units` per second of it, divided by `scale`, under `metric`.
@inline(__always)
func measureRate(
    _ benchmark: Benchmark, _ metric: BenchmarkMetric, units: Int, scale: Double = 1e6, _ body: () throws -> Void
) rethrows {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    if seconds > 0 { benchmark.measurement(metric, Int((Double(units) / seconds / scale).rounded())) }
}

let benchmarks: @Sendable () -> Void = {
    let textSetup: Benchmark.BenchmarkSetupHook = {
        _ = asciiBytes.count
        _ = nonASCIIBytes.count
    }

    /// A benchmark reporting MB/s over `bytes` bytes of input per iteration.
    func rateBenchmark(
        _ name: String, bytes: Int, maxDuration: Duration = .seconds(3), _ work: @escaping @Sendable () -> Void
    ) {
        let config = configuration(rate: Metrics.megabytesPerSecond, maxDuration: maxDuration, setup: textSetup)
        Benchmark(name, configuration: config) { benchmark in
            for _ in benchmark.scaledIterations {
                measureRate(benchmark, Metrics.megabytesPerSecond, units: bytes, work)
            }
        }
    }

    /// The fused one-pass pipeline over UTF-8 bytes.
    @Sendable func fused(_ bytes: [UInt8]) {
        var pipeline = DistillCore.TextPipeline()
        var ids = [UInt64]()
        bytes.withUnsafeBufferPointer { _ = pipeline.appendWordIDs(utf8: $0, to: &ids) }
        blackHole(ids)
    }

    /// Normalise, then tokenise: the path without the fused fast path.
    @Sendable func twoStep(_ text: String) {
        blackHole(WordTokenizer.tokens(of: TextNormalizer().normalize(text)))
    }

    // MARK: ASCII text: fused fast path, two-step, Foundation

    rateBenchmark("TextPipeline.wordIDs ASCII fast path", bytes: asciiBytes.count) { fused(asciiBytes) }
    rateBenchmark("Two-step normalise then tokenise", bytes: asciiBytes.count) { twoStep(asciiText) }
    rateBenchmark("Foundation path", bytes: asciiBytes.count, maxDuration: .seconds(5)) {
        blackHole(WordTokenizer.tokens(of: asciiText.precomposedStringWithCompatibilityMapping.lowercased()))
    }

    // MARK: Non-ASCII text (curly quotes, accents, CJK, a few NFKC changes)

    rateBenchmark("Non-ASCII text", bytes: nonASCIIBytes.count) { fused(nonASCIIBytes) }
    rateBenchmark("Non-ASCII text, two-step", bytes: nonASCIIBytes.count) { twoStep(nonASCIIText) }

    // MARK: Hashes

    let hashSetup: Benchmark.BenchmarkSetupHook = { _ = hashInput.count }

    Benchmark(
        "StableHash.splitmix64",
        configuration: configuration(rate: Metrics.millionIDsPerSecond, setup: hashSetup)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            measureRate(benchmark, Metrics.millionIDsPerSecond, units: hashInput.count) {
                var accumulator: UInt64 = 0
                hashInput.withUnsafeBufferPointer { ids in
                    for id in ids { accumulator ^= StableHash.splitmix64(id) }
                }
                blackHole(accumulator)
            }
        }
    }

    Benchmark(
        "Shingler.hashes(of:n:5)",
        configuration: configuration(rate: Metrics.millionIDsPerSecond, setup: hashSetup)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            measureRate(benchmark, Metrics.millionIDsPerSecond, units: hashInput.count) {
                blackHole(Shingler.hashes(of: hashInput, n: 5))
            }
        }
    }

    // MARK: Corpus reader end to end

    Benchmark(
        "CorpusReader JSONL",
        configuration: configuration(
            rate: Metrics.megabytesPerSecond,
            setup: { try JSONLFixture.create(byteCount: corpusFixtureBytes, seed: 0x5EED_0003) },
            teardown: { JSONLFixture.remove() })
    ) { benchmark in
        let bytes = JSONLFixture.size() ?? 0
        for _ in benchmark.scaledIterations {
            try measureRate(benchmark, Metrics.megabytesPerSecond, units: bytes) {
                let reader = try CorpusReader(paths: [JSONLFixture.path], options: CorpusOptions(threads: 1))
                var tokens = 0
                try reader.read(
                    transform: { documents in
                        var pipeline = DistillCore.TextPipeline()
                        return documents.map { pipeline.tokenCount(of: $0.text) }
                    },
                    consume: { counts in tokens += counts.reduce(0, +) })
                blackHole(tokens)
            }
        }
    }
}
