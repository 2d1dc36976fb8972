import Foundation

/// The plain-language sentences of a verdict.
public enum VerdictSummary {
    /// A p-value from its log10, readable at any size ("3.2e-347", "0.41").
    public static func format(log10P: Double) -> String {
        if log10P == -.infinity { return "0" }
        if log10P > -3 { return String(format: "%.3g", pow(10, log10P)) }
        let exponent = (log10P).rounded(.down)
        let mantissa = pow(10, log10P - exponent)
        return String(format: "%.2fe%d", mantissa, Int(exponent))
    }

    static func describe(_ s: SignalResult) -> String {
        if let detail = s.detail { return "\(s.signal): \(detail) (p = \(format(log10P: s.log10PValue)))" }
        let worst = s.null.max {
            ($0.exceeding * 1_000_000 / max(1, $0.documents)) < ($1.exceeding * 1_000_000 / max(1, $1.documents))
        }
        var text =
            "\(s.signal): \(s.suspect.exceeding) of \(s.suspect.documents) suspect documents exceed the null threshold"
        if let worst {
            text += ", against \(worst.exceeding) of \(worst.documents) documents of \(worst.reference)"
        }
        return text + " (p = \(format(log10P: s.log10PValue)))"
    }

    /// Why a reference is or is not named a parent.
    public static func reference(_ v: ReferenceVerdict, alpha: Double) -> String {
        guard let name = v.strongestSignal, let s = v.signals.first(where: { $0.signal == name }) else {
            return "no signal could be computed"
        }
        if s.note != nil && v.signals.allSatisfy({ $0.note != nil }) {
            return "not tested: \(s.note!)"
        }
        let adjusted = format(log10P: v.log10AdjustedPValue)
        // Corroborating signals (style) add a sentence when they point the same way; they never decide.
        let corroborating = v.signals.filter { !$0.usedInDecision && $0.note == nil && $0.log10PValue <= log10(alpha) }
        let also =
            corroborating.isEmpty
            ? "" : "; corroborating, not used in the decision: " + corroborating.map(describe).joined(separator: "; ")
        if v.parentFound {
            return "parent found (adjusted p = \(adjusted) ≤ \(alpha)); strongest evidence: \(describe(s))" + also
        }
        return "no evidence beyond what independent models show (adjusted p = \(adjusted) > \(alpha)); "
            + "strongest signal \(describe(s))" + also
    }

    /// The overall decision in a few sentences.
    public static func decision(_ verdicts: [ReferenceVerdict], parents: [ReferenceVerdict], alpha: Double) -> String {
        if verdicts.isEmpty { return "No parent found: the store holds no references." }
        if verdicts.count == 1 {
            return "No parent found: a store needs at least two references so that each has independent "
                + "models to be compared with."
        }
        if let top = parents.first {
            let names = parents.map(\.reference).joined(separator: ", ")
            return "Parent found: \(names). \(top.reference): \(top.summary)."
        }
        let closest = verdicts.min { ($0.log10AdjustedPValue, $0.reference) < ($1.log10AdjustedPValue, $1.reference) }!
        return "No parent found at family-wise level \(alpha) over \(verdicts.count) references. "
            + "Closest, \(closest.reference): \(closest.summary)."
    }
}
