import DistillCore
import Foundation

/// The text rendering of a ``ScoreReport``.
enum ScoreTextFormatter {
    static func format(_ report: ScoreReport) -> String {
        var out = "suspect: \(report.suspect) (\(report.suspectDocuments) documents)\n"
        for v in report.references {
            let mark = v.parentFound ? "PARENT" : "-"
            out += "\n\(v.reference) [\(mark)] p = \(VerdictSummary.format(log10P: v.log10PValue)), "
            out += "adjusted p = \(VerdictSummary.format(log10P: v.log10AdjustedPValue))\n"
            for s in v.signals {
                if let note = s.note {
                    out += "  \(s.signal): not tested — \(Remedy.hinted(note, s.remedy))\n"
                    continue
                }
                if let detail = s.detail {
                    out += "  \(s.signal): \(detail)"
                } else {
                    out += "  \(s.signal): \(s.suspect.exceeding)/\(s.suspect.documents) documents"
                    if let rate = s.nullRate { out += " (null rate ≤ \(String(format: "%.4f", rate)))" }
                }
                out += ", p = \(VerdictSummary.format(log10P: s.log10PValue))"
                if !s.usedInDecision { out += " (corroborating: not used in the decision)" }
                out += "\n"
                for e in s.evidence.prefix(3) {
                    out +=
                        "    \(e.location): \(e.suspectID) “\(DistillError.excerpt(e.excerpt.replacingOccurrences(of: "\n", with: " "), limit: 100))”\n"
                }
            }
        }
        out += "\n\(report.decision.summary)\n"
        return out
    }
}
