import DistillCore
import Foundation

/// Deterministic number formatting for charts and reports: the same value gives the same text on
/// every machine (C-locale `printf` formats, no locale-dependent formatter).
public enum ChartNumber {
    /// A coordinate with one decimal, trailing `.0` dropped.
    public static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var s = String(format: "%.1f", x)
        if s.hasSuffix(".0") { s.removeLast(2) }
        if s == "-0" { s = "0" }
        return s
    }

    /// A short label: up to `digits` significant digits, scientific notation outside [1e-3, 1e6).
    public static func label(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "-∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude < 1e-3 || magnitude >= 1e6 {
            return String(format: "%.\(max(0, digits - 1))e", x).replacingOccurrences(of: ".00e", with: "e")
                .replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
                .replacingOccurrences(of: "e+", with: "e")
        }
        var s = String(format: "%.\(digits)g", x)
        if s.contains("e") { s = String(format: "%.0f", x) }
        return s
    }

    /// A fraction as a percentage with `decimals` decimals.
    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f%%", 100 * x)
    }

    /// A p-value for people: `< 1e-300` style bounds are kept, small values in scientific notation.
    public static func pValue(_ p: Double) -> String {
        if p.isNaN { return "NaN" }
        if p <= 0 { return "< 1e-300" }
        if p >= 0.001 { return String(format: "%.3f", p) }
        return label(p, digits: 2)
    }

    /// A p-value given as log10 p, exact even below the smallest double: `1e-900`, `5.0e-413`.
    public static func pValue(fromLog10 l: Double) -> String {
        if l.isNaN { return "NaN" }
        if l > -300 { return pValue(PValue.linear(fromLog10: l)) }
        if l == -.infinity { return "0" }
        var exponent = l.rounded(.down)
        var mantissa = (PValue.linear(fromLog10: l - exponent) * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return mantissa == 1 ? "1e\(Int(exponent))" : String(format: "%.1fe%d", mantissa, Int(exponent))
    }

    /// 10^`k`, by repeated multiplication (exact for the tick scales charts use).
    static func powerOfTen(_ k: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(k) { v *= 10 }
        return k < 0 ? 1 / v : v
    }

    /// Round steps (1, 2, 5 × 10^k) covering [0, `maximum`] with about `count` ticks.
    static func ticks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0] }
        let raw = maximum / Double(count)
        let power = powerOfTen(Int(log10(raw).rounded(.down)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var out: [Double] = []
        var v = 0.0
        var i = 0
        while v <= maximum * (1 + 1e-9) && i < 50 {
            out.append(v)
            i += 1
            v = Double(i) * step
        }
        if let last = out.last, last < maximum { out.append(Double(i) * step) }
        return out
    }
}
