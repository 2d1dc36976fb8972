import Foundation

extension DeployedWatermark {
    /// Scores documents and positions of a ``DeployedWatermark``, keeping KGW's green lists cached
    /// between calls. A value type: give each thread its own.
    public struct Scorer: Sendable {
        /// The watermark.
        public let watermark: DeployedWatermark
        private var cache: KGWGreenListCache?
        private let nullProbability: Double
        private var ints: [Int] = []

        /// A scorer with an empty cache.
        /// - Complexity: O(|V|) for KGW with MarkLLM seeding (the cache's seed table), else O(1).
        public init(_ watermark: DeployedWatermark) {
            self.watermark = watermark
            nullProbability = watermark.nullProbability
            if case .kgw(let scheme, _) = watermark { cache = KGWGreenListCache(scheme: scheme) }
        }

        /// One document's score as its reference detector defines it, with an exact binomial p-value.
        ///
        /// KGW: every token after the first `prefix_length` (each distinct n-gram once with
        /// `ignore_repeated_ngrams`), MarkLLM's z (nominal γ), `p = P[Bin(T, ⌊|V|γ⌋/|V|) ≥ S]`.
        /// SynthID: the g-values of the n-grams the mask keeps, all layers, `N = kept · depth`;
        /// ``WatermarkScore/greenFraction`` is the package's Mean score, ``WatermarkScore/weightedMean``
        /// its Weighted Mean score (default weights), `p = P[Bin(N, p₀) ≥ Σ g]`.
        /// A text too short to score gives N = 0 and log10 p = 0.
        /// - Precondition: the ids passed ``DeployedWatermark/validate(_:)``.
        /// - Complexity: O(*n* · (context + depth)) plus O(|V|) per KGW green list not yet cached.
        public mutating func score(ids: [UInt64]) -> WatermarkScore {
            ints.removeAll(keepingCapacity: true)
            ints.append(contentsOf: ids.lazy.map { Int(truncatingIfNeeded: $0) })
            switch watermark {
            case .kgw(let scheme, let ignoreRepeated):
                guard ints.count > scheme.prefixLength, cache != nil,
                    let s = try? KGWDetector(scheme: scheme, ignoreRepeatedNgrams: ignoreRepeated).score(
                        ids: ints, cache: &cache!)
                else {
                    return .binomial(
                        scheme: .deployedKGW, tokens: ids.count, scored: 0, successes: 0,
                        nullProbability: nullProbability)
                }
                return .binomial(
                    scheme: .deployedKGW, tokens: ids.count, scored: s.scored, successes: s.green,
                    nullProbability: nullProbability, z: s.z)
            case .synthID(let scheme, let mask):
                let g = scheme.gValues(ids: ints)
                let keep = scheme.mask(ids: ints, mask)
                let d = scheme.depth
                var kept = 0
                var ones = 0
                for p in keep.indices where keep[p] {
                    kept += 1
                    for j in 0..<d { ones += Int(g[p * d + j]) }
                }
                var score = WatermarkScore.binomial(
                    scheme: .synthID, tokens: ids.count, scored: kept * d, successes: ones,
                    nullProbability: nullProbability)
                if kept > 0 { score.weightedMean = scheme.weightedMeanScore(ids: ints, mask: mask) }
                return score
            }
        }
    }
}
