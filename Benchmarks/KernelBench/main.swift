// Kernel throughput on one thread and on two, printed as one JSON object for scripts/bench_peers.py:
// MinHash-128 signing (shingles/s), Hamming top-10 over 1M codes (queries/s), exact 13-gram
// containment (suspect windows/s), cosine top-10 over 100k × 64 (queries/s) and the text pipeline
// (MB/s). Inputs are generated from fixed seeds; every figure is the best of three runs.
import DistillCore
import Foundation

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.splitmix64(state &- 0x9E37_79B9_7F4A_7C15)
    }
}

func best(_ runs: Int = 3, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

var rng = SplitMix(state: 2026)
var results: [String: [String: Double]] = [:]

// MinHash: 20k documents of 200 shingles each.
let hasher = try MinHasher(permutations: 128)
let documents = 20_000
let perDocument = 200
let values = (0..<(documents * perDocument)).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
var minhash: [String: Double] = [:]
for threads in [1, 2] {
    let t = best {
        let sigs: [[UInt32]] = Parallel.map(count: threads * 16, threads: threads) { slice in
            var out = [UInt32](repeating: 0, count: 128)
            let lo = documents * slice / (threads * 16)
            let hi = documents * (slice + 1) / (threads * 16)
            values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    for d in lo..<hi {
                        hasher.sign(
                            values: UnsafeBufferPointer(rebasing: v[(d * perDocument)..<((d + 1) * perDocument)]),
                            into: o)
                    }
                }
            }
            return out
        }
        precondition(sigs.count == threads * 16)
    }
    minhash[String(threads)] = Double(values.count) / t
}
results["minhash"] = minhash

// Hamming: 1M codes, 2000 queries, top-10.
let codes = (0..<1_000_000).map { _ in rng.next() }
let queries = (0..<2000).map { _ in rng.next() }
let hamming = HammingIndex(codes: codes)
var hammingRates: [String: Double] = [:]
for threads in [1, 2] {
    let t = best { _ = hamming.topK(queries: queries, k: 10, threads: threads) }
    hammingRates[String(threads)] = Double(queries.count) / t
}
results["hamming"] = hammingRates

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
for threads in [1, 2] {
    let t = best {
        let index = NGramIndex(documents: reference, n: 13, threads: threads)
        let r = NGramOverlap.analyze(
            suspect: suspect, reference: index, boilerplate: .init(minDocuments: 0), threads: threads)
        precondition(r.count == suspect.count)
    }
    ngram[String(threads)] = Double(suspect.count * (200 - 12)) / t
}
results["ngram"] = ngram

// Cosine: 100k rows of 64 dimensions, 1000 queries, top-10.
let dimension = 64
var cosine = CosineIndex(dimension: dimension)
for _ in 0..<100_000 {
    _ = cosine.add((0..<dimension).map { _ in Float(Int(rng.next() % 2001) - 1000) / 1000 })
}
let cosineQueries = (0..<1000).map { _ in (0..<dimension).map { _ in Float(Int(rng.next() % 2001) - 1000) / 1000 } }
var cosineRates: [String: Double] = [:]
for threads in [1, 2] {
    let t = best { _ = cosine.topK(queries: cosineQueries, k: 10, threads: threads) }
    cosineRates[String(threads)] = Double(cosineQueries.count) / t
}
results["cosine"] = cosineRates

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
for threads in [1, 2] {
    let t = best {
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
results["tokenize"] = tokenize

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(results), as: UTF8.self))
