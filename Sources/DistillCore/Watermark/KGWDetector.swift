import Foundation

/// Scores token-id sequences for a deployed KGW watermark (``KGWScheme``) as the reference detectors do.
///
/// Every token `t[i]` with `i ≥ prefixLength` is scored against the green list of the `prefixLength`
/// ids before it; `z = (S − γT) / √(Tγ(1 − γ))` with the operations in the order of MarkLLM's
/// `KGWUtils._compute_z_score` and lm-watermarking's `WatermarkDetector._compute_z_score` (so the
/// Double results agree bit for bit). With ``ignoreRepeatedNgrams`` each distinct (context, token)
/// n-gram of `prefixLength + 1` ids counts once, and T is the number of distinct n-grams
/// (lm-watermarking's `ignore_repeated_ngrams`, `_score_sequence`; MarkLLM 0.1.5's KGW has no such
/// option and scores every token).
public struct KGWDetector: Sendable {
    /// The result for one sequence.
    public struct Score: Sendable, Hashable, Codable {
        /// Ids in the sequence.
        public var tokens: Int
        /// Tokens (or distinct n-grams) scored, T.
        public var scored: Int
        /// Green tokens among them, S.
        public var green: Int
        /// `(S − γT) / √(Tγ(1 − γ))`, as the reference detectors compute it.
        public var z: Double
        /// log10 of the exact one-sided binomial p-value `P[Bin(T, γ) ≥ S]` (DESIGN.md; the reference
        /// detectors report the normal approximation `Φ̄(z)` instead).
        public var log10P: Double
        /// S / T.
        public var greenFraction: Double { Double(green) / Double(scored) }
    }

    /// The scheme.
    public let scheme: KGWScheme
    /// Whether each distinct (context, token) n-gram is scored once (lm-watermarking's
    /// `ignore_repeated_ngrams`); off reproduces MarkLLM's `score_sequence`.
    public var ignoreRepeatedNgrams: Bool

    /// A detector.
    public init(scheme: KGWScheme, ignoreRepeatedNgrams: Bool = false) {
        self.scheme = scheme
        self.ignoreRepeatedNgrams = ignoreRepeatedNgrams
    }

    /// `(S − γT) / √(Tγ(1 − γ))` with Python's order of operations.
    public static func zScore(green: Int, scored: Int, gamma: Double) -> Double {
        let numerator = Double(green) - gamma * Double(scored)
        let denominator = (Double(scored) * gamma * (1 - gamma)).squareRoot()
        return numerator / denominator
    }

    /// The score of one sequence, using and filling `cache`.
    /// - Parameters:
    ///   - ids: Token ids (non-negative).
    ///   - cache: Green lists of the same scheme.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` when there are no more than `prefixLength`
    ///   ids (the reference detectors raise there too).
    /// - Complexity: O(*n* · `prefixLength`) for *n* ids plus O(|V|) per context seed not yet cached.
    public func score(ids: [Int], cache: inout KGWGreenListCache) throws(DistillError) -> Score {
        let h = scheme.prefixLength
        guard ids.count > h else {
            throw DistillError.invalidOption(
                name: "token ids", reason: "need more than \(h) ids to score, got \(ids.count)")
        }
        var scored = 0
        var green = 0
        ids.withUnsafeBufferPointer { buffer in
            if ignoreRepeatedNgrams {
                var seenPairs = Set<Pair>()
                var seenNgrams = Set<ArraySlice<Int>>()
                for i in h..<buffer.count {
                    let fresh =
                        h == 1
                        ? seenPairs.insert(Pair(context: buffer[i - 1], token: buffer[i])).inserted
                        : seenNgrams.insert(ids[(i - h)...i]).inserted
                    guard fresh else { continue }
                    scored += 1
                    let seed = scheme.seed(context: UnsafeBufferPointer(rebasing: buffer[(i - h)..<i]))
                    if cache.isGreen(token: buffer[i], seed: seed) { green += 1 }
                }
            } else {
                for i in h..<buffer.count {
                    let seed = scheme.seed(context: UnsafeBufferPointer(rebasing: buffer[(i - h)..<i]))
                    if cache.isGreen(token: buffer[i], seed: seed) { green += 1 }
                }
                scored = buffer.count - h
            }
        }
        let z = Self.zScore(green: green, scored: scored, gamma: scheme.gamma)
        let log10P = BinomialTail.logUpperTail(n: scored, successes: green, p: scheme.gamma) / M_LN10
        return Score(tokens: ids.count, scored: scored, green: green, z: z, log10P: log10P)
    }

    /// The score of one sequence with a fresh cache (convenience; reuse a cache across documents).
    /// - Throws: As ``score(ids:cache:)``.
    public func score(ids: [Int]) throws(DistillError) -> Score {
        var cache = KGWGreenListCache(scheme: scheme)
        return try score(ids: ids, cache: &cache)
    }

    /// The green flag of every token (`nil` for the first `prefixLength`), without n-gram filtering:
    /// MarkLLM's `green_token_flags`.
    /// - Complexity: As ``score(ids:cache:)``.
    public func greenFlags(ids: [Int], cache: inout KGWGreenListCache) -> [Bool?] {
        let h = scheme.prefixLength
        var flags = [Bool?](repeating: nil, count: ids.count)
        ids.withUnsafeBufferPointer { buffer in
            guard buffer.count > h else { return }
            for i in h..<buffer.count {
                let seed = scheme.seed(context: UnsafeBufferPointer(rebasing: buffer[(i - h)..<i]))
                flags[i] = cache.isGreen(token: buffer[i], seed: seed)
            }
        }
        return flags
    }

    /// A (context, token) bigram, the n-gram for `prefixLength` 1.
    private struct Pair: Hashable {
        var context: Int
        var token: Int
    }
}
