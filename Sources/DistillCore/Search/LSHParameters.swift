import Foundation

/// Banding parameters of MinHash locality-sensitive hashing (Indyk & Motwani 1998; Leskovec,
/// Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3): `bands` × `rows` signature values; two
/// documents become candidates when all rows of some band agree, which happens with probability
/// `1 − (1 − J^rows)^bands` for Jaccard similarity J.
public struct LSHParameters: Sendable, Hashable, Codable {
    public var bands: Int
    public var rows: Int

    /// Banding with `bands` bands of `rows` rows each.
    /// - Complexity: O(1).
    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    /// Probability that a pair with Jaccard similarity `jaccard` becomes a candidate.
    /// - Complexity: O(1).
    public func candidateProbability(jaccard: Double) -> Double {
        1 - pow(1 - pow(jaccard, Double(rows)), Double(bands))
    }

    /// The (bands, rows) with bands × rows ≤ `permutations` that minimise
    /// `falsePositiveWeight · ∫₀ᵗ P(s) ds + falseNegativeWeight · ∫ₜ¹ (1 − P(s)) ds`, the weighted areas
    /// of false positives below the threshold and false negatives above it — the rule datasketch's
    /// `MinHashLSH` uses (Zhu et al., datasketch `_optimal_param`), integrated here by Simpson's rule.
    ///
    /// The default weights favour recall (0.02 / 0.98): candidates are verified by exact Jaccard
    /// afterwards, so a false positive costs only time while a false negative loses a pair.
    /// - Complexity: O(*k* log *k*) bandings tried for *k* `permutations` (every bands × rows ≤ *k*), each
    ///   integrated twice at 201 points.
    public static func optimal(
        threshold: Double, permutations: Int, falsePositiveWeight: Double = 0.02, falseNegativeWeight: Double = 0.98
    ) -> LSHParameters {
        var best = LSHParameters(bands: 1, rows: permutations)
        var bestError = Double.infinity
        for bands in 1...permutations {
            for rows in 1...(permutations / bands) {
                let p = LSHParameters(bands: bands, rows: rows)
                let fp = simpson(0, threshold) { p.candidateProbability(jaccard: $0) }
                let fn = simpson(threshold, 1) { 1 - p.candidateProbability(jaccard: $0) }
                let error = falsePositiveWeight * fp + falseNegativeWeight * fn
                if error < bestError - 1e-15 {
                    bestError = error
                    best = p
                }
            }
        }
        return best
    }

    private static func simpson(_ a: Double, _ b: Double, intervals: Int = 200, _ f: (Double) -> Double) -> Double {
        if b <= a { return 0 }
        let h = (b - a) / Double(intervals)
        var sum = f(a) + f(b)
        for i in 1..<intervals {
            sum += f(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2)
        }
        return sum * h / 3
    }
}
