import Foundation

/// Holm's step-down correction for testing several hypotheses at once (Holm 1979, "A simple
/// sequentially rejective multiple test procedure"): with p-values sorted ascending
/// p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of the j-th is max over i ≤ j of min(1, (m − i + 1) p₍ᵢ₎). It
/// controls the family-wise error rate at the chosen level for any dependence between the tests,
/// and the adjusted values do not depend on the order the tests are given in.
public enum HolmBonferroni {
    /// Adjusted log10 p-values, in the order of `log10PValues`.
    /// - Complexity: O(m log m).
    public static func adjust(log10PValues values: [Double]) -> [Double] {
        let m = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var adjusted = [Double](repeating: 0, count: m)
        var running = -Double.infinity
        for (rank, i) in order.enumerated() {
            let scaled = min(0, values[i] + log10(Double(m - rank)))
            running = max(running, scaled)
            adjusted[i] = running
        }
        return adjusted
    }
}
