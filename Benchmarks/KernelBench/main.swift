// Kernel throughput on one thread and on two, printed as one JSON object for scripts/bench_peers.py:
// MinHash-128 signing (shingles/s), Hamming top-10 over 1M codes (queries/s), exact 13-gram
// containment (suspect windows/s), cosine top-10 over 100k × 64 (queries/s) and the text pipeline
// (MB/s). Inputs are generated from fixed seeds; every figure is the best of three runs.
//
//   kernel-bench [--runs N] [--threads N] [--hamming-codes N] [--cpu] [KERNEL ...]
//
// KERNEL names limit the run to some kernels (minhash, hamming, ngram, cosine, tokenize; default
// all); `--runs` sets how many runs each figure is the best of; `--threads` times only one thread
// count (to read one configuration's CPU time under `perf stat`); `--hamming-codes` sizes the Hamming
// index (default 1M codes, 8 MB, which stays in the last-level cache; 8M codes do not); `--cpu`
// also prints, on standard error, each run's wall time and the process CPU time it used, so that
// parallel overhead (CPU time that grows with threads) can be told from a busy machine (wall time
// that does not shrink although CPU time stays put).
import DistillCore
import Foundation

struct Options {
    var runs = 3
    var hammingCodes = 1_000_000
    var selected: Set<String> = []
    var threadCounts = [1, 2]
    var cpu = false
}
let options: Options = {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--runs": options.runs = Int(arguments.popFirst() ?? "") ?? options.runs
        case "--cpu": options.cpu = true
        case "--threads": options.threadCounts = [Int(arguments.popFirst() ?? "") ?? 1]
        case "--hamming-codes": options.hammingCodes = Int(arguments.popFirst() ?? "") ?? options.hammingCodes
        default: options.selected.insert(argument)
        }
    }
    return options
}()
let runs = options.runs
let hammingCodes = options.hammingCodes
let selected = options.selected
let threadCounts = options.threadCounts
let reportCPU = options.cpu
func wanted(_ kernel: String) -> Bool { selected.isEmpty || selected.contains(kernel) }

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.splitmix64(state &- 0x9E37_79B9_7F4A_7C15)
    }
}

func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func best(_ label: String, _ body: () -> Void) -> Double {
    var best = Double.infinity
    var log: [String] = []
    for _ in 0..<runs {
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = processCPUSeconds() - cpuStart
        best = min(best, wall)
        log.append(String(format: "%.4f/%.4f", wall, cpu))
    }
    if reportCPU {
        FileHandle.standardError.write(Data("\(label) wall/cpu s: \(log.joined(separator: " "))\n".utf8))
    }
    return best
}

var rng = SplitMix(state: 2026)
var results: [String: [String: Double]] = [:]

// MinHash: 20k documents of 200 shingles each, signed five times per run, so that a run on two
// threads lasts about 35 ms rather than 7: waking the second thread (tens of microseconds, and
// milliseconds on a busy machine) is then a small part of it, as it is on a real corpus.
let hasher = try MinHasher(permutations: 128)
let documents = 20_000
let perDocument = 200
let passes = 5
let values = (0..<(documents * perDocument)).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
var minhash: [String: Double] = [:]
for threads in threadCounts where wanted("minhash") {
    let t = best("minhash \(threads)") {
        let sigs: [[UInt32]] = Parallel.map(count: threads * 16, threads: threads) { slice in
            var out = [UInt32](repeating: 0, count: 128)
            let lo = documents * slice / (threads * 16)
            let hi = documents * (slice + 1) / (threads * 16)
            values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    for _ in 0..<passes {
                        for d in lo..<hi {
                            hasher.sign(
                                values: UnsafeBufferPointer(rebasing: v[(d * perDocument)..<((d + 1) * perDocument)]),
                                into: o)
                        }
                    }
                }
            }
            return out
        }
        precondition(sigs.count == threads * 16)
    }
    minhash[String(threads)] = Double(values.count * passes) / t
}
if wanted("minhash") { results["minhash"] = minhash }

// Hamming: 1M codes, 2000 queries, top-10.
// Inputs of later kernels never depend on `--hamming-codes`: codes past the first million come
// from a generator of their own.
var codes = (0..<1_000_000).map { _ in rng.next() }
let queries = (0..<2000).map { _ in rng.next() }
var moreCodes = SplitMix(state: 2027)
codes = Array(codes.prefix(hammingCodes)) + (codes.count..<max(codes.count, hammingCodes)).map { _ in moreCodes.next() }
let hamming = HammingIndex(codes: codes)
var hammingRates: [String: Double] = [:]
for threads in threadCounts where wanted("hamming") {
    let t = best("hamming \(threads)") { _ = hamming.topK(queries: queries, k: 10, threads: threads) }
    hammingRates[String(threads)] = Double(queries.count) / t
}
if wanted("hamming") { results["hamming"] = hammingRates }

// Exact 13-gram containment: 20k reference and 20k suspect documents of 200 Zipf-like word ids,
// the suspect half copied spans.
func zipfDocument(_ rng: inout SplitMix) -> [UInt64] {
    (0..<200).map { _ in UInt64(pow(50_000.0, Double(rng.next() >> 11) / 9_007_199_254_740_992.0)) }
}
let reference = (0..<20_000).map { _ in zipfDocument(&rng) }
let suspect: [[UInt64]] = (0..<20_000).map { i in
    var doc = zipfDocument(&rng)
    if i % 2 == 0 {
        let source = reference[Int(rng.next() % 20_000)]
        doc.replaceSubrange(50..<100, with: source[50..<100])
    }
    return doc
}
var ngram: [String: Double] = [:]
for threads in threadCounts where wanted("ngram") {
    let t = best("ngram \(threads)") {
        let index = NGramIndex(documents: reference, n: 13, threads: threads)
        let r = NGramOverlap.analyze(
            suspect: suspect, reference: index, boilerplate: .init(minDocuments: 0), threads: threads)
        precondition(r.count == suspect.count)
    }
    ngram[String(threads)] = Double(suspect.count * (200 - 12)) / t
}
if wanted("ngram") { results["ngram"] = ngram }

// Cosine: 100k rows of 64 dimensions, 1000 queries, top-10.
let dimension = 64
var cosine = CosineIndex(dimension: dimension)
for _ in 0..<100_000 {
    _ = cosine.add((0..<dimension).map { _ in Float(Int(rng.next() % 2001) - 1000) / 1000 })
}
let cosineQueries = (0..<1000).map { _ in (0..<dimension).map { _ in Float(Int(rng.next() % 2001) - 1000) / 1000 } }
var cosineRates: [String: Double] = [:]
for threads in threadCounts where wanted("cosine") {
    let t = best("cosine \(threads)") { _ = cosine.topK(queries: cosineQueries, k: 10, threads: threads) }
    cosineRates[String(threads)] = Double(cosineQueries.count) / t
}
if wanted("cosine") { results["cosine"] = cosineRates }

// Text pipeline: normalise + tokenise + hash of ~40 MB of English-like ASCII text in 20k documents.
let words = [
    "the", "model", "answer", "certainly", "is", "a", "of", "data", "to", "in", "and", "that", "which",
    "distillation", "teacher", "student", "output", "for", "with", "as", "on", "by", "this", "be",
]
let texts: [String] = (0..<20_000).map { _ in
    var s = ""
    for k in 0..<350 {
        s += words[Int(rng.next() % UInt64(words.count))]
        s += k % 17 == 16 ? ". " : (k % 7 == 6 ? ", " : " ")
    }
    return s
}
let textBytes = texts.reduce(0) { $0 + $1.utf8.count }
var tokenize: [String: Double] = [:]
for threads in threadCounts where wanted("tokenize") {
    let t = best("tokenize \(threads)") {
        let counts: [Int] = Parallel.map(count: threads * 16, threads: threads) { slice in
            var pipeline = TextPipeline()
            var total = 0
            for i in stride(from: slice, to: texts.count, by: threads * 16) {
                total += pipeline.tokenCount(of: texts[i])
            }
            return total
        }
        precondition(counts.reduce(0, +) > 0)
    }
    tokenize[String(threads)] = Double(textBytes) / 1e6 / t
}
if wanted("tokenize") { results["tokenize"] = tokenize }

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(results), as: UTF8.self))
