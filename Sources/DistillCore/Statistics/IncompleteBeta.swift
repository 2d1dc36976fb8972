import Foundation

/// The regularised incomplete beta function `I_x(a, b)` in log space.
///
/// Evaluated with the continued fraction of Numerical Recipes (3rd ed., §6.4, `betacf`) by the
/// modified Lentz method, on the side of `x` where it converges fast; the other side uses the
/// symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)`.
public enum IncompleteBeta {
    /// The continued fraction `cf` with `I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · cf`.
    /// - Complexity: O(√max(a, b)) iterations near the mean, fewer in the tails.
    static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let eps = 1e-16
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1e7 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
            m += 1
        }
        return h
    }

    /// `ln I_x(a, b)`.
    /// - Parameters:
    ///   - x: in [0, 1].
    ///   - a: positive.
    ///   - b: positive.
    /// - Returns: the natural log of the regularised incomplete beta function.
    /// - Complexity: O(√max(a, b)).
    public static func logRegularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return -.infinity }
        if x >= 1 { return 0 }
        let logFront = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))
        if x < (a + 1) / (a + b + 2) {
            return logFront - log(a) + log(continuedFraction(a: a, b: b, x: x))
        }
        let logComplement = logFront - log(b) + log(continuedFraction(a: b, b: a, x: 1 - x))
        return LogProbability.log1mExp(logComplement)
    }
}
