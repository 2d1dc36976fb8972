import Foundation

/// The exact upper tail `P[Bin(n, p) ≥ s]` of the binomial distribution, in log space.
///
/// `P[Bin(n, p) ≥ s] = I_p(s, n − s + 1)` (the regularised incomplete beta function; Abramowitz &
/// Stegun 26.5.24). The prefactor `p^s (1−p)^(n−s+1) / (s B(s, n−s+1))` equals
/// `(1−p) · P[Bin(n, p) = s]`, taken from Loader's mass so that large *n* loses no digits; the
/// continued fraction (``IncompleteBeta``) supplies the rest. Results far below 1e-300 are exact
/// logs, never 0.
public enum BinomialTail {
    /// `ln P[Bin(n, p) ≥ s]`.
    /// - Parameters:
    ///   - n: trials (≥ 0).
    ///   - s: observed successes.
    ///   - p: success probability in (0, 1).
    /// - Returns: the natural log of the upper tail (0 for `s ≤ 0`, −∞ for `s > n`).
    /// - Complexity: O(√n).
    public static func logUpperTail(n: Int, successes s: Int, p: Double) -> Double {
        if s <= 0 { return 0 }
        if s > n { return -.infinity }
        let nd = Double(n)
        let sd = Double(s)
        let a = sd
        let b = nd - sd + 1
        if p < (a + 1) / (a + b + 2) {
            let logFront = log1p(-p) + LogProbability.logBinomialMass(sd, nd, p)
            return logFront + log(IncompleteBeta.continuedFraction(a: a, b: b, x: p))
        }
        // 1 − P[Bin ≤ s − 1] = 1 − I_{1−p}(n − s + 1, s); that prefactor is p · P[Bin = s − 1].
        let logFront = log(p) + LogProbability.logBinomialMass(sd - 1, nd, p)
        let lower = logFront + log(IncompleteBeta.continuedFraction(a: b, b: a, x: 1 - p))
        return LogProbability.log1mExp(lower)
    }

    /// `log10 P[Bin(n, p) ≥ s]`.
    public static func log10UpperTail(n: Int, successes s: Int, p: Double) -> Double {
        logUpperTail(n: n, successes: s, p: p) / M_LN10
    }

    /// A randomised p-value `P[X > s] + u · P[X = s]`, exactly Uniform(0, 1) under the null when
    /// `u` is (Habiger & Peña, "Randomised P-values and nonparametric procedures", 2011). Used
    /// only to check calibration: the reported p-value is the exact, conservative `P[X ≥ s]`.
    /// - Returns: the natural log of the randomised p-value.
    public static func logRandomizedUpperTail(n: Int, successes s: Int, p: Double, u: Double) -> Double {
        let above = logUpperTail(n: n, successes: s + 1, p: p)
        let mass = LogProbability.logBinomialMass(Double(s), Double(n), p)
        return LogProbability.logAdd(above, log(u) + mass)
    }
}
