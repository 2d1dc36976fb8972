import DistillCore
import DistillReport
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

    /// The text rendering of both sections.
    static func format(style: ComparisonStyle?, identity: ComparisonIdentity?) -> String {
        var out = ""
        if let style {
            let c = style.suspectVsTeacher
            out += "\nStyle (suspect against teacher; descriptive — see `attribute` for a calibrated decision)\n"
            out += String(
                format: "  function words  cosine %.4f  JSD %.4f\n", c.functionWordCosine, c.functionWordJSD)
            out += String(
                format: "  char n-grams    3-gram cosine %.4f  4-gram cosine %.4f  3-gram JSD %.4f\n",
                c.charTrigramCosine, c.charFourgramCosine, c.charTrigramJSD)
            out += String(
                format: "  lengths         word JSD %.4f  sentence JSD %.4f  punctuation JSD %.4f\n",
                c.wordLengthJSD, c.sentenceLengthJSD, c.punctuationJSD)
            for (name, s) in [("teacher", style.teacher), ("suspect", style.suspect)] {
                out += String(
                    format:
                        "  %@  words/sentence %.1f  MATTR %.3f  MTLD %.1f  Yule's K %.1f  bullets in %.0f%% of docs\n",
                    name, s.meanSentenceLength, s.mattr, s.mtld ?? 0, s.yulesK,
                    s.documents == 0 ? 0 : 100 * Double(s.markdown.documentsWithBullets) / Double(s.documents))
                let openings = s.openings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .prefix(3)
                let closings = s.closings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .prefix(3)
                if !openings.isEmpty || !closings.isEmpty {
                    out += "           opens "
                    out += openings.map { String(format: "\"%@\" %.0f%%", $0.key, 100 * $0.value) }.joined(
                        separator: ", ")
                    out += "; closes "
                    out += closings.map { String(format: "\"%@\" %.0f%%", $0.key, 100 * $0.value) }.joined(
                        separator: ", ")
                    out += "\n"
                }
            }
        }
        if let identity {
            out += "\nIdentity claims (documents naming themselves as a model or maker)\n"
            out += IdentityTextFormatter.format(identity.teacher, name: "teacher")
            out += IdentityTextFormatter.format(identity.suspect, name: "suspect")
        }
        return out
    }
}
