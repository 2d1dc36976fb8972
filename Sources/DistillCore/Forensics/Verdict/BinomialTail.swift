import Foundation

/// Tail probabilities in log space, for p-values far below the smallest Double.
public enum BinomialTail {
    /// log10 P[X ≥ k] for X ~ Binomial(n, p), summed exactly term by term in log space
    /// (log-sum-exp over `lgamma`-based terms; Feller, "An Introduction to Probability Theory",
    /// vol. 1, ch. VI), so values like 10⁻³⁰⁰⁰ do not underflow.
    /// - Complexity: O(n − k) in the worst case; terms past the mode stop once negligible.
    public static func log10UpperTail(successes k: Int, trials n: Int, probability p: Double) -> Double {
        if k <= 0 { return 0 }
        if k > n { return -.infinity }
        if p <= 0 { return -.infinity }
        if p >= 1 { return 0 }
        let logP = Foundation.log(p)
        let logQ = Foundation.log1p(-p)
        let lgamma: (Double) -> Double = Foundation.lgamma
        let logNFactorial = lgamma(Double(n) + 1)
        func term(_ j: Int) -> Double {
            logNFactorial - lgamma(Double(j) + 1) - lgamma(Double(n - j) + 1) + Double(j) * logP
                + Double(n - j) * logQ
        }
        let mode = Int((Double(n + 1) * p).rounded(.down))
        var maximum = -Double.infinity
        var terms: [Double] = []
        var j = k
        while j <= n {
            let t = term(j)
            terms.append(t)
            maximum = max(maximum, t)
            if j > mode && t < maximum - 50 { break }
            j += 1
        }
        var sum = 0.0
        for t in terms { sum += exp(t - maximum) }
        return min(0, (maximum + Foundation.log(sum)) / Foundation.log(10.0))
    }

    /// The one-sided Wilson score upper bound of a proportion (Wilson 1927, "Probable inference, the
    /// law of succession, and statistical inference").
    public static func wilsonUpper(successes k: Int, trials n: Int, z: Double) -> Double {
        guard n > 0 else { return 1 }
        let nn = Double(n)
        let phat = Double(k) / nn
        let z2 = z * z
        let centre = phat + z2 / (2 * nn)
        let spread = z * (phat * (1 - phat) / nn + z2 / (4 * nn * nn)).squareRoot()
        return min(1, (centre + spread) / (1 + z2 / nn))
    }
}
