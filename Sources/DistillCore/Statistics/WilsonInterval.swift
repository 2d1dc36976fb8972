import Foundation

/// The Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the
/// law of succession, and statistical inference", JASA 1927).
public struct WilsonInterval: Sendable, Hashable, Codable {
    /// Lower bound of the interval.
    public var lower: Double
    /// Upper bound of the interval.
    public var upper: Double
    /// Two-sided confidence level, e.g. 0.95.
    public var confidence: Double

    /// The interval for `successes` out of `trials`.
    /// - Parameters:
    ///   - successes: observed successes.
    ///   - trials: trials (0 gives the uninformative interval [0, 1]).
    ///   - confidence: two-sided level; 0.95 (z = 1.959964) unless given.
    public init(successes: Int, trials: Int, confidence: Double = 0.95) {
        self.init(successes: successes, trials: trials, z: Self.normalQuantile(0.5 + confidence / 2))
        self.confidence = confidence
    }

    /// The interval for a given normal quantile `z` (1.959964 for 95%); `confidence` is the
    /// two-sided level that `z` stands for.
    public init(successes: Int, trials: Int, z: Double) {
        self.confidence = 1 - erfc(z / 2.0.squareRoot())
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let phat = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (phat + z2 / (2 * n)) / denominator
        let half = z / denominator * (phat * (1 - phat) / n + z2 / (4 * n * n)).squareRoot()
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }

    static func normalQuantile(_ probability: Double) -> Double {
        var lo = -40.0
        var hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < probability { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
