// Deployed-watermark throughput on one thread, printed as JSON (docs/watermark.md "Speed").
//
// Usage: watermark-bench [MILLION_TOKENS]
// - kgwCachedMTokensPerSecond: KGWDetector.score (MarkLLM default scheme, |V| = 50,257) over random
//   documents whose contexts are all cached (ids drawn from 2,000 vocabulary ids; the cache is warmed
//   first): the seed computation and one bit read per token. kgwLMWatermarkingCachedMTokensPerSecond:
//   the same with lm-watermarking's simple_1 seeding (γ = 0.25), whose cache is a dictionary.
// - kgwGreenListBuildsPerSecond: green lists built from scratch (seeded shuffle of |V| = 50,257).
// - synthIDMTokensPerSecond: SynthIDScheme.gValues with the package's example config (30 keys,
//   n-gram length 5), i.e. 30 g-values per token.
// Each figure is the best of five runs, timed by the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID:
// per-core speed on a shared machine). Inputs come from a fixed seed.
import DistillCore
import Foundation

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// SplitMix64, for repeatable inputs.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func best(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = threadCPUSeconds()
        try body()
        times.append(threadCPUSeconds() - start)
    }
    return times.min()!
}

let millions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10 : 10
var rng = Seeded(state: 2024)
let vocabulary = (0..<2000).map { _ in Int.random(in: 0..<50_257, using: &rng) }
let documents = (0..<(millions * 1_000_000 / 500)).map { _ in
    (0..<500).map { _ in vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)] }
}
let tokens = Double(documents.count * 500)

let scheme = try KGWScheme(vocabularySize: 50_257)
let detector = KGWDetector(scheme: scheme)
var cache = KGWGreenListCache(scheme: scheme)
for doc in documents.prefix(200) { _ = try detector.score(ids: doc, cache: &cache) }
var sink = 0
let kgwSeconds = try best {
    for doc in documents { sink &+= try detector.score(ids: doc, cache: &cache).green }
}
let lmScheme = try KGWScheme(vocabularySize: 50_257, gamma: 0.25, seeding: .lmWatermarkingAdditive)
let lmDetector = KGWDetector(scheme: lmScheme)
var lmCache = KGWGreenListCache(scheme: lmScheme)
for doc in documents.prefix(200) { _ = try lmDetector.score(ids: doc, cache: &lmCache) }
let lmSeconds = try best {
    for doc in documents { sink &+= try lmDetector.score(ids: doc, cache: &lmCache).green }
}
let buildSeconds = best {
    for s in 0..<200 { sink &+= scheme.greenList(seed: UInt64(s)).count }
}

let synthID = try SynthIDScheme(keys: [
    654, 400, 836, 123, 340, 443, 597, 160, 57, 29, 590, 639, 13, 715, 468, 990, 966, 226, 324, 585,
    118, 504, 421, 521, 129, 669, 732, 225, 90, 960,
])
let synthIDSeconds = best {
    for doc in documents { sink &+= Int(synthID.gValues(ids: doc)[0]) }
}

let result: [String: Double] = [
    "tokens": tokens,
    "kgwCachedMTokensPerSecond": tokens / kgwSeconds / 1e6,
    "kgwLMWatermarkingCachedMTokensPerSecond": tokens / lmSeconds / 1e6,
    "kgwGreenListBuildsPerSecond": 200 / buildSeconds,
    "synthIDMTokensPerSecond": tokens / synthIDSeconds / 1e6,
    "synthIDMGValuesPerSecond": tokens * 30 / synthIDSeconds / 1e6,
]
let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
print(String(decoding: data, as: UTF8.self))
if sink == 42 { print("") }
