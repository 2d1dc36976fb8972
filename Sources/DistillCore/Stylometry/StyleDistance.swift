import Foundation

/// Distances between style profiles.
///
/// - Burrows' Delta: the mean absolute difference of z-scored relative word frequencies (Burrows 2002,
///   "'Delta': a measure of stylistic difference and a guide to likely authorship", *LLC* 17(3)).
/// - Cosine Delta: 1 − the cosine of the two z-score vectors (Smith & Aldridge 2011, *Journal of
///   Quantitative Linguistics* 18(1); Evert et al. 2017, "Understanding and explaining Delta measures
///   for authorship attribution", *DSH* 32(suppl. 2)), in [0, 2].
/// - Jensen–Shannon divergence of two distributions, base 2, in [0, 1] (Lin 1991, *IEEE Trans. Inf.
///   Theory* 37(1)).
public enum StyleDistance {
    /// How the z-scores of Delta are standardised.
    public enum ZScoreBasis: String, Sendable, Codable, CaseIterable {
        /// Mean and sample standard deviation (n − 1) of each word's relative frequency over the
        /// reference corpora, each pooled into one profile: the definition of the `faststylometry`
        /// package (its `get_author_z_scores`). Needs two or more references.
        case corpora
        /// Mean and sample standard deviation over every segment (document or stretch of words) of
        /// the corpora in play, the references and the suspect: Burrows' original choice, the
        /// variation across texts; centring on all corpora keeps Cosine Delta meaningful when two
        /// references are close to each other.
        case segments
    }

    /// z-scores: `(x − mean) / std` for each feature; features with zero spread get 0.
    public static func zScores(_ x: [Double], mean: [Double], std: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: x.count)
        for i in x.indices where std[i] > 0 { z[i] = (x[i] - mean[i]) / std[i] }
        return z
    }

    /// Mean and sample standard deviation (n − 1) of each column of `rows`.
    public static func meanAndStd(_ rows: [[Double]]) -> (mean: [Double], std: [Double]) {
        guard let width = rows.first?.count else { return ([], []) }
        let n = Double(rows.count)
        var mean = [Double](repeating: 0, count: width)
        for r in rows { for i in 0..<width { mean[i] += r[i] } }
        for i in 0..<width { mean[i] /= n }
        var std = [Double](repeating: 0, count: width)
        if rows.count > 1 {
            for r in rows { for i in 0..<width { std[i] += (r[i] - mean[i]) * (r[i] - mean[i]) } }
            for i in 0..<width { std[i] = (std[i] / (n - 1)).squareRoot() }
        }
        return (mean, std)
    }

    /// Burrows' Delta of two z-score vectors: mean |a − b|.
    public static func burrowsDelta(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty else { return 0 }
        var s = 0.0
        for i in a.indices { s += abs(a[i] - b[i]) }
        return s / Double(a.count)
    }

    /// Cosine Delta of two z-score vectors: 1 − cos(a, b) (1 when either is zero).
    public static func cosineDelta(_ a: [Double], _ b: [Double]) -> Double {
        max(0, 1 - cosineSimilarity(a, b))
    }

    /// The cosine of two vectors (0 when either is zero).
    public static func cosineSimilarity<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        for i in a.indices {
            let x = Double(a[i])
            let y = Double(b[i])
            dot += x * y
            na += x * x
            nb += y * y
        }
        return na == 0 || nb == 0 ? 0 : dot / (na.squareRoot() * nb.squareRoot())
    }

    /// The cosine of two count vectors.
    public static func cosineSimilarity(counts a: [UInt32], _ b: [UInt32]) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        for i in a.indices {
            let x = Double(a[i])
            let y = Double(b[i])
            dot += x * y
            na += x * x
            nb += y * y
        }
        return na == 0 || nb == 0 ? 0 : dot / (na.squareRoot() * nb.squareRoot())
    }

    /// Jensen–Shannon divergence (base 2) of two non-negative weight vectors, each normalised to sum
    /// 1 first; 0 when either is all zero.
    public static func jensenShannon<T: BinaryInteger>(_ a: [T], _ b: [T]) -> Double {
        jensenShannon(a.map { Double($0) }, b.map { Double($0) })
    }

    /// Jensen–Shannon divergence (base 2) of two non-negative weight vectors.
    public static func jensenShannon(_ a: [Double], _ b: [Double]) -> Double {
        let sa = a.reduce(0, +)
        let sb = b.reduce(0, +)
        guard sa > 0, sb > 0 else { return 0 }
        var d = 0.0
        for i in a.indices {
            let p = a[i] / sa
            let q = b[i] / sb
            let m = (p + q) / 2
            if p > 0 { d += 0.5 * p * log2(p / m) }
            if q > 0 { d += 0.5 * q * log2(q / m) }
        }
        return max(0, min(1, d))
    }
}
