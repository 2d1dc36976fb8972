import Foundation

/// The upper tail `Q(a, x) = Γ(a, x) / Γ(a)` of the Gamma(a, 1) distribution, in log space: the
/// null distribution of a sum of `a` independent Exp(1) scores (the `ds-gumbel` watermark).
///
/// Series for `x < a + 1` and Lentz's continued fraction otherwise (Numerical Recipes 3rd ed.,
/// §6.2, `gser`/`gcf`); the common factor `e^(−x) x^a / Γ(a)` is `a ·` Loader's Poisson mass, so
/// large `a` loses no digits.
public enum GammaTail {
    /// `ln Q(a, x)`.
    /// - Parameters:
    ///   - a: shape (> 0).
    ///   - x: the observed sum (≥ 0).
    /// - Returns: the natural log of the upper tail; 0 for `x ≤ 0`.
    /// - Complexity: O(√a) terms.
    public static func logUpperTail(shape a: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < a + 1 {
            // Lower tail P(a, x) = e^(−x) x^a / Γ(a + 1) · Σ x^k / ((a+1)…(a+k)).
            var term = 1.0
            var sum = 1.0
            var ap = a
            for _ in 0..<10_000_000 {
                ap += 1
                term *= x / ap
                sum += term
                if term < sum * 1e-17 { break }
            }
            let logLower = LogProbability.logPoissonMass(a, x) + log(sum)
            return LogProbability.log1mExp(logLower)
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 1e7 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
            i += 1
        }
        return log(a) + LogProbability.logPoissonMass(a, x) + log(h)
    }
}
