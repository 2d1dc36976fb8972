import Foundation

/// P-values are carried as log10 (lossless: the exact tails here reach 1e-900, far below the smallest
/// Double, about 1e-308). This turns one into a linear number where a format needs one.
public enum PValue {
    /// 10^`log10P`, which is 0 below about 1e-308 (then read the log10 value instead).
    public static func linear(fromLog10 log10P: Double) -> Double {
        pow(10, log10P)
    }

    /// log10 of a linear p-value; the most negative finite number for 0 (so it orders below any
    /// real p-value instead of becoming -infinity).
    public static func log10(fromLinear p: Double) -> Double {
        p > 0 ? Foundation.log10(p) : -Double.greatestFiniteMagnitude
    }

    /// Whether a test with p-value 10^`log10P` rejects its null at level `alpha`: p ≤ α, compared
    /// as log10 so that p-values below the smallest Double still decide.
    public static func rejects(log10P: Double, alpha: Double) -> Bool {
        log10P <= Foundation.log10(alpha)
    }
}
