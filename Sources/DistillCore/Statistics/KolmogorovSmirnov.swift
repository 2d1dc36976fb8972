import Foundation

/// The one-sample Kolmogorov–Smirnov test of a sample against Uniform(0, 1): how p-values are
/// checked for calibration on null data.
///
/// The statistic is `D = sup |F_n(u) − u|`; its p-value uses Kolmogorov's limiting distribution
/// `Q(λ) = 2 Σ (−1)^(j−1) e^(−2 j² λ²)` at `λ = (√n + 0.12 + 0.11/√n) D` (Stephens 1970;
/// Numerical Recipes 3rd ed., §14.3.3).
public struct KolmogorovSmirnov: Sendable, Hashable, Codable {
    /// The statistic D.
    public var statistic: Double
    /// The sample size.
    public var count: Int
    /// The p-value of D under the hypothesis that the sample is uniform.
    public var pValue: Double

    /// Tests `sample` (values in [0, 1]) against the uniform distribution.
    /// - Complexity: O(*n* log *n*).
    public init(uniformSample sample: [Double]) {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, u) in sorted.enumerated() {
            d = max(d, Double(i + 1) / n - u, u - Double(i) / n)
        }
        statistic = d
        count = sorted.count
        let rootN = n.squareRoot()
        pValue = sorted.isEmpty ? 1 : Self.kolmogorovQ((rootN + 0.12 + 0.11 / rootN) * d)
    }

    /// Kolmogorov's survival function Q(λ).
    static func kolmogorovQ(_ lambda: Double) -> Double {
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        var sign = 1.0
        for j in 1...200 {
            let jd = Double(j)
            let term = sign * exp(-2 * jd * jd * lambda * lambda)
            sum += term
            if abs(term) < 1e-17 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }
}
