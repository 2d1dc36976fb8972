import Foundation

/// P-values are carried as log10 (lossless: the exact tails here reach 1e-900, far below the smallest
/// Double, about 1e-308). This turns one into a linear number where a format needs one.
public enum PValue {
    /// 10^`log10P`, which is 0 below about 1e-308 (then read the log10 value instead).
    public static func linear(fromLog10 log10P: Double) -> Double {
        pow(10, log10P)
    }
}
