import DistillCore
import Foundation

/// Human-readable `compare` output.
enum CompareTextFormatter {
    static func format(_ report: CompareReport, evidence: Int) -> String {
        let o = report.overlap
        var out = "teacher  \(report.teacher.path): \(o.referenceDocuments) documents\n"
        out += "suspect  \(report.suspect.path): \(o.suspectDocuments) documents\n"
        if let b = report.background { out += "background \(b.path): \(b.summary.documents) documents\n" }
        out += "pairs    \(o.pairs) by \(o.pairing.rawValue)\n\n"
        out += report.summary + "\n\n"
        out += "N-gram overlap (boilerplate: in ≥ \(o.boilerplateMinDocuments) teacher documents"
        out += report.background == nil ? ")\n" : " or in the background)\n"
        for w in o.widths {
            out += "  \(w.n)-grams  corpus containment \(percent(w.corpusContainment))"
            out += "  (\(w.sharedWindows - w.boilerplateWindows) of \(w.windows - w.boilerplateWindows) windows;"
            out += " \(w.boilerplateWindows) boilerplate)\n"
            out += "    unpaired containment  \(dist(w.unpairedContainment))\n"
            if let p = w.pairedContainment { out += "    paired containment    \(dist(p))\n" }
            out += "    shared spans          \(w.evidenceSpans) evidence, \(w.boilerplateSpans) boilerplate\n"
        }
        out += "\nJaccard of \(o.nearDuplicates.shingleWidth)-gram shingle sets\n"
        if let p = o.pairedJaccard { out += "  paired    \(dist(p))\n" }
        out += "  unpaired  \(dist(o.unpairedJaccard))  (best match found at ≥ \(o.nearDuplicates.threshold))\n"
        let nd = o.nearDuplicates
        out +=
            "\nNear-duplicate pairs (Jaccard ≥ \(nd.threshold), k = \(nd.permutations), LSH \(nd.statistics.parameters.bands)×\(nd.statistics.parameters.rows)): \(nd.total)\n"
        for p in nd.pairs.prefix(evidence) {
            out +=
                "  \(String(format: "%.3f", p.jaccard))  suspect \(DistillError.excerpt(p.suspectID)) ~ teacher \(DistillError.excerpt(p.referenceID))\n"
        }
        if let w = o.widths.max(by: { $0.n < $1.n }) ?? o.widths.first, !w.evidence.isEmpty {
            out += "\nStrongest evidence (\(w.n)-gram spans, longest first)\n"
            for e in w.evidence.prefix(evidence) {
                out +=
                    "  \(e.tokens) tokens  suspect \(DistillError.excerpt(e.suspectID)) [\(e.suspectStart)..<\(e.suspectEnd)]"
                out += "  teacher \(DistillError.excerpt(e.referenceID)) [\(e.referenceStart)..<\(e.referenceEnd)]\n"
                out += "    \"\(oneLine(e.suspectText))\"\n"
            }
        }
        if let w = o.widths.first, !w.boilerplate.isEmpty {
            out += "\nBoilerplate met in the suspect (\(w.n)-grams, not evidence)\n"
            for b in w.boilerplate.prefix(5) { out += "  \(b.occurrences)×  \"\(oneLine(b.text))\"\n" }
        }
        return out
    }

    static func percent(_ x: Double) -> String { String(format: "%.2f%%", 100 * x) }

    static func dist(_ d: Distribution) -> String {
        String(format: "mean %.4f  median %.4f  p90 %.4f  max %.4f  (n = %d)", d.mean, d.median, d.p90, d.max, d.count)
    }

    static func oneLine(_ s: String, limit: Int = 160) -> String {
        var t = s.replacingOccurrences(of: "\n", with: " ")
        if t.count > limit { t = String(t.prefix(limit)) + "…" }
        return t
    }
}
