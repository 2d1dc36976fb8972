import Foundation

/// The verdict's view of the binomial tail (``BinomialTail`` in Statistics/ computes it).
extension BinomialTail {
    /// log10 P[X ≥ k] for X ~ Binomial(n, p), exact in log space (the regularised incomplete beta,
    /// so values like 10⁻³⁰⁰⁰ do not underflow), with the degenerate probabilities settled first.
    /// - Complexity: O(√n).
    public static func log10UpperTail(successes k: Int, trials n: Int, probability p: Double) -> Double {
        if k <= 0 { return 0 }
        if k > n { return -.infinity }
        if p <= 0 { return -.infinity }
        if p >= 1 { return 0 }
        return min(0, log10UpperTail(n: n, successes: k, p: p))
    }

    /// The one-sided Wilson score upper bound of a proportion (Wilson 1927, "Probable inference, the
    /// law of succession, and statistical inference").
    /// - Complexity: O(1).
    public static func wilsonUpper(successes k: Int, trials n: Int, z: Double) -> Double {
        WilsonInterval(successes: k, trials: n, z: z).upper
    }
}
