import Foundation

/// Log-space building blocks for exact tail probabilities: Loader's saddle-point forms of the
/// binomial and Poisson probability mass, accurate to a few ulps even where `lgamma` differences
/// would cancel catastrophically (large *n*).
///
/// Reference: C. Loader, "Fast and Accurate Computation of Binomial Probabilities" (2000), the
/// `stirlerr` and `bd0` functions.
public enum LogProbability {
    static let lnSqrt2Pi = 0.918_938_533_204_672_741_78
    static let ln2Pi = 1.837_877_066_409_345_483_56

    /// The error of Stirling's formula, `ln Γ(n+1) − (n + ½) ln n + n − ln √(2π)`.
    /// - Parameter n: a positive real number.
    /// - Returns: the Stirling error; an asymptotic series for `n > 15`, else direct `lgamma`.
    public static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            return lgamma(n + 1) - (n + 0.5) * log(n) + n - lnSqrt2Pi
        }
        let s0 = 1.0 / 12
        let s1 = 1.0 / 360
        let s2 = 1.0 / 1260
        let s3 = 1.0 / 1680
        let s4 = 1.0 / 1188
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// The deviance term `x ln(x / m) + m − x`, computed without cancellation when `x ≈ m`.
    public static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            let v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while true {
                ej *= v2
                let next = s + ej / (2 * j + 1)
                if next == s { return s }
                s = next
                j += 1
            }
        }
        return x * log(x / m) + m - x
    }

    /// `ln P[Bin(n, p) = k]`.
    /// - Parameters:
    ///   - k: successes, `0 ... n`.
    ///   - n: trials.
    ///   - p: success probability in (0, 1).
    /// - Returns: the log probability mass (−∞ outside the support).
    public static func logBinomialMass(_ k: Double, _ n: Double, _ p: Double) -> Double {
        if k < 0 || k > n { return -.infinity }
        let q = 1 - p
        if k == 0 { return n * log1p(-p) }
        if k == n { return n * log(p) }
        let lc =
            stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p)
            - deviance(n - k, n * q)
        let lf = ln2Pi + log(k) + log1p(-k / n)
        return lc - 0.5 * lf
    }

    /// `ln(e^(−λ) λ^x / Γ(x + 1))`, the Poisson mass extended to real `x > 0`.
    public static func logPoissonMass(_ x: Double, _ lambda: Double) -> Double {
        if lambda == 0 { return x == 0 ? 0 : -.infinity }
        if x == 0 { return -lambda }
        return -stirlingError(x) - deviance(x, lambda) - 0.5 * (ln2Pi + log(x))
    }

    /// `ln(e^a + e^b)` without overflow.
    public static func logAdd(_ a: Double, _ b: Double) -> Double {
        if a == -.infinity { return b }
        if b == -.infinity { return a }
        let m = max(a, b)
        return m + log1p(exp(-abs(a - b)))
    }

    /// `ln(1 − e^a)` for `a ≤ 0`, accurate near both ends (Mächler, "Accurately computing
    /// log(1 − exp(−|a|))", 2012).
    public static func log1mExp(_ a: Double) -> Double {
        if a > -0.693_147_180_559_945_3 { return log(-expm1(a)) }
        return log1p(-exp(a))
    }
}
