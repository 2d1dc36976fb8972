import DistillCore
import Foundation

/// A seeded stand-in for an independent language model, for calibration tests: Zipf-distributed
/// words over a shared vocabulary (the most frequent ranks — function words — are the same for
/// every model, the rest in a model-specific order), with stock phrases from a shared pool spliced in
/// at a model-specific rate. Output is word ids (``StableHash/splitmix64(_:)`` of the vocabulary index),
/// ready for the n-gram and MinHash code.
public struct SyntheticModel: Sendable {
    /// Vocabulary size shared by every model.
    public static let vocabulary = 3000
    /// Ranks whose word is the same for every model.
    public static let sharedRanks = 100

    let wordOfRank: [UInt64]
    let cumulative: [Double]
    let phrases: [[UInt64]]
    let phraseRate: Double

    /// - Parameters:
    ///   - seed: the model's identity.
    ///   - phrasePool: stock phrases (word ids) all models may use; this model uses `phraseChoices` of them.
    ///   - phraseRate: chance of a phrase at each sentence start.
    public init(seed: UInt64, phrasePool: [[UInt64]], phraseChoices: Int, phraseRate: Double) {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        var order = Array(Self.sharedRanks..<Self.vocabulary)
        order.shuffle(using: &rng)
        wordOfRank = (Array(0..<Self.sharedRanks) + order).map { StableHash.splitmix64(UInt64($0) &+ 1) }
        var total = 0.0
        var cumulative: [Double] = []
        for r in 1...Self.vocabulary {
            total += 1 / Double(r)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / total }
        phrases = Array(phrasePool.shuffled(using: &rng).prefix(phraseChoices))
        self.phraseRate = phraseRate
    }

    /// The first rank whose cumulative probability reaches `u` (binary search).
    static func rank(_ u: Double, in cumulative: [Double]) -> Int {
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A shared pool of `count` stock phrases of 8–16 words.
    public static func phrasePool(count: Int, seed: UInt64) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 8...16, using: &rng)).map { _ in
                StableHash.splitmix64(UInt64(Int.random(in: 0..<vocabulary, using: &rng)) &+ 1)
            }
        }
    }

    /// One document of about `words` words.
    public func document(words: Int, using rng: inout RepeatableRandomNumberGenerator) -> [UInt64] {
        var out: [UInt64] = []
        while out.count < words {
            if !phrases.isEmpty && Double.random(in: 0..<1, using: &rng) < phraseRate {
                out += phrases.randomElement(using: &rng)!
            }
            for _ in 0..<Int.random(in: 6...14, using: &rng) {
                out.append(wordOfRank[Self.rank(Double.random(in: 0..<1, using: &rng), in: cumulative)])
            }
        }
        return out
    }

    /// `count` documents.
    public func documents(count: Int, words: Int, seed: UInt64) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in document(words: words, using: &rng) }
    }

    /// A distilled student: this model's documents with, in each, spans of `spanWords` words copied
    /// from random documents of `teacher` in place of its own words at rate `copyRate` per document.
    public func student(
        of teacher: [[UInt64]], count: Int, words: Int, spanWords: Int, copyRate: Double, seed: UInt64
    ) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            var doc = document(words: words, using: &rng)
            if Double.random(in: 0..<1, using: &rng) < copyRate {
                let source = teacher.randomElement(using: &rng)!
                let length = min(spanWords, source.count, doc.count)
                let from = Int.random(in: 0...(source.count - length), using: &rng)
                let to = Int.random(in: 0...(doc.count - length), using: &rng)
                doc.replaceSubrange(to..<(to + length), with: source[from..<(from + length)])
            }
            return doc
        }
    }
}
