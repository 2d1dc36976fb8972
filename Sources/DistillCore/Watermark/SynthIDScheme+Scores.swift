extension SynthIDScheme {
    /// Which n-grams a score uses (the package's detection notebook multiplies the two masks).
    public struct ScoringMask: Sendable, Hashable {
        /// Drop n-grams whose context repeats within the history window.
        public var ignoreRepeatedContexts: Bool
        /// Drop n-grams ending at or after the first occurrence of this token (`nil`: keep all).
        public var eosTokenID: Int?

        /// A mask choice; the default is the package's detection setting without an EOS id.
        public init(ignoreRepeatedContexts: Bool = true, eosTokenID: Int? = nil) {
            self.ignoreRepeatedContexts = ignoreRepeatedContexts
            self.eosTokenID = eosTokenID
        }
    }

    /// The combined keep-mask of a sequence's n-grams.
    /// - Complexity: O(*n* · `ngramLength`).
    public func mask(ids: [Int], _ choice: ScoringMask) -> [Bool] {
        var keep =
            choice.ignoreRepeatedContexts
            ? contextRepetitionMask(ids: ids) : [Bool](repeating: true, count: ngramCount(tokens: ids.count))
        if let eos = choice.eosTokenID {
            for (p, k) in eosMask(ids: ids, eosTokenID: eos).enumerated() where !k { keep[p] = false }
        }
        return keep
    }

    /// The package's default Weighted Mean weights, `linspace(10, 1, depth)` (`detector_mean.py`).
    public static func defaultWeights(depth: Int) -> [Double] {
        guard depth > 1 else { return [10] }
        return (0..<depth).map { 10 + (1 - 10) * Double($0) / Double(depth - 1) }
    }

    /// The Mean score: the mean of the kept n-grams' g-values over all depths
    /// (`detector_mean.mean_score`), computed in Double (the package's JAX code computes in float32
    /// unless 64-bit mode is on; its float64 result is what this matches to 1e-9). NaN when no
    /// n-gram is kept.
    /// - Complexity: O(*n* · (`ngramLength` + `depth`)).
    public func meanScore(ids: [Int], mask choice: ScoringMask = ScoringMask()) -> Double {
        weightedMeanScore(ids: ids, weights: [Double](repeating: 1, count: depth), mask: choice)
    }

    /// The Weighted Mean score (`detector_mean.weighted_mean_score`): weights (default
    /// ``defaultWeights(depth:)``) rescaled to sum to `depth`, then
    /// `Σ_kept Σ_d w_d g_d / (depth · kept)`. NaN when no n-gram is kept.
    /// - Parameters:
    ///   - ids: Token ids.
    ///   - weights: Non-negative weights, one per depth.
    ///   - choice: Which n-grams count.
    /// - Complexity: O(*n* · (`ngramLength` + `depth`)).
    public func weightedMeanScore(ids: [Int], weights: [Double]? = nil, mask choice: ScoringMask = ScoringMask())
        -> Double
    {
        let d = depth
        let raw = weights ?? Self.defaultWeights(depth: d)
        precondition(raw.count == d, "one weight per depth")
        let total = raw.reduce(0, +)
        let w = raw.map { $0 * (Double(d) / total) }
        let g = gValues(ids: ids)
        let keep = mask(ids: ids, choice)
        var sum = 0.0
        var kept = 0
        for p in keep.indices where keep[p] {
            kept += 1
            for j in 0..<d where g[p * d + j] != 0 { sum += w[j] }
        }
        return sum / (Double(d) * Double(kept))
    }
}
