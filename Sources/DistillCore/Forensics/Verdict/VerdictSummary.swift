import Foundation

/// The plain-language sentences of a verdict.
public enum VerdictSummary {
    /// A p-value from its log10, readable at any size ("3.2e-347", "0.41").
    /// - Complexity: O(1).
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

    /// The sibling comparisons of the strongest paired signal, as a clause.
    static func siblingClause(_ v: ReferenceVerdict) -> String? {
        let paired = v.signals.filter { $0.siblings?.isEmpty == false && $0.usedInDecision && $0.note == nil }
        guard let best = paired.min(by: { ($0.log10PValue, $0.signal.name) < ($1.log10PValue, $1.signal.name) }) else {
            return nil
        }
        return best.siblings!.map {
            "closer to \(v.reference)'s answer than to its sibling \($0.against)'s on \($0.wins) of \($0.prompts) "
                + "prompts (\($0.losses) the other way, \(best.signal), p = \(format(log10P: $0.log10PValue)))"
        }.joined(separator: "; ")
    }

    /// A warning when the independent model that decided the strongest paired test itself looks
    /// derived from the reference (``NullAudit``), as a clause.
    static func auditClause(_ v: ReferenceVerdict) -> String? {
        let audited = v.signals.filter { $0.nullAudit != nil && $0.usedInDecision && $0.note == nil }
        guard let s = audited.min(by: { ($0.log10PValue, $0.signal.name) < ($1.log10PValue, $1.signal.name) }),
            let a = s.nullAudit
        else { return nil }
        return "caution: the independent model that decided \(s.signal), \(a.model), is itself closer to "
            + "\(v.reference)'s answers than \(a.comparison.against)'s are on \(a.comparison.wins) of "
            + "\(a.comparison.prompts) prompts (\(a.comparison.losses) the other way, p = "
            + "\(format(log10P: a.comparison.log10PValue)), the hardest of the other independent models): it may "
            + "have learnt from \(v.reference), and as a null it costs this test power"
    }

    /// Why a reference is or is not named a parent.
    /// - Parameter testable: whether the store holds a reference outside its family.
    /// - Complexity: O(*s* + *g*) for the verdict's *s* signal results and the *g* null groups and sibling
    ///   comparisons they hold.
    public static func reference(_ v: ReferenceVerdict, alpha: Double, testable: Bool = true) -> String {
        let family = v.family ?? v.reference
        if v.role == .baseline {
            return "baseline of family \(family): used only as a null for the other families, never named"
        }
        if !testable {
            return "not testable: the store holds no reference outside its family \(family) to compare with "
                + "(add independent models: references of another family, or baselines)"
        }
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
            var text = "parent found (adjusted p = \(adjusted) ≤ \(alpha)); strongest evidence: \(describe(s))"
            if let siblings = siblingClause(v) {
                let verdict =
                    v.memberDetermined == true
                    ? "member \(v.reference) named" : "member undetermined, family \(family) named"
                text += "; within the family (\(verdict)): " + siblings
            } else if v.memberDetermined == false {
                text += "; member undetermined: no paired answers tell it from its siblings"
            }
            return text + also
        }
        return "no evidence beyond what independent models show (adjusted p = \(adjusted) > \(alpha)); "
            + "strongest signal \(describe(s))" + also + (auditClause(v).map { "; " + $0 } ?? "")
    }

    /// The overall decision in a few sentences.
    /// - Complexity: O(*v* + *p*) for *v* verdicts and *p* parents.
    public static func decision(
        _ verdicts: [ReferenceVerdict], parents: [ReferenceVerdict], family: String? = nil, member: String? = nil,
        paired: Bool = true, alpha: Double
    ) -> String {
        if verdicts.isEmpty { return "No parent found: the store holds no references." }
        let unpaired =
            paired
            ? ""
            : " The suspect answered none of the references' prompts, so only document-level tests ran: they "
                + "have less power than the paired per-prompt tests, because a student's answers to other "
                + "prompts share fewer words, templates and layouts with its teacher's."
        if let top = parents.first {
            let names = parents.map(\.reference).joined(separator: ", ")
            let who =
                member.map { name in
                    "Parent found: \(name) (family \(family ?? name))"
                        + (parents.contains { $0.reference == name }
                            ? "" : "; the family's member whose answers the suspect's are closest to")
                }
                ?? "Parent found: family \(family ?? top.reference), member undetermined (closest: \(top.reference))"
            return "\(who). Named at level \(alpha): \(names). \(top.reference): \(top.summary).\(unpaired)"
        }
        let candidates = verdicts.filter { $0.role != .baseline }
        guard
            let closest = candidates.min(by: {
                ($0.log10AdjustedPValue, $0.reference) < ($1.log10AdjustedPValue, $1.reference)
            })
        else { return "No parent found: the store holds only baselines." }
        return "No parent found at family-wise level \(alpha) over \(candidates.count) candidate references. "
            + "Closest, \(closest.reference): \(closest.summary).\(unpaired)"
    }
}
