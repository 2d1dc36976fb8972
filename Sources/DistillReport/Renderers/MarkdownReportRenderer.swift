import Foundation

/// The report as GitHub Flavored Markdown: verdict first, then one section per signal with tables,
/// side-by-side evidence as two-column tables (shared text in bold), methods and reproducibility.
/// Every piece of corpus text goes through ``MarkdownEscaping``.
public struct MarkdownReportRenderer: ReportRenderer {
    public var limits: RenderLimits

    public init(limits: RenderLimits = RenderLimits()) { self.limits = limits }

    public func render(_ report: ForensicReport) throws -> Data {
        Data(markdown(report).utf8)
    }

    /// The Markdown text.
    public func markdown(_ report: ForensicReport) -> String {
        var out = "# DistillScope report: \(e(report.command))\n\n"
        out += "**\(e(ReportHeadline.title(report)))**\n\n"
        for line in ReportHeadline.lines(report) { out += "- \(e(line))\n" }
        out += "\n"
        verdicts(report, into: &out)
        if let o = report.overlap { overlap(o, into: &out) }
        signals(report, into: &out)
        reproducibility(report, into: &out)
        return out
    }

    func e(_ s: some StringProtocol) -> String { MarkdownEscaping.escape(s) }
    func n(_ x: Double) -> String { ChartNumber.label(x, digits: 4) }

    func more(_ omitted: Int, _ noun: String, into out: inout String) {
        if let line = RenderLimits.more(omitted, noun) { out += "\n*\(line).*\n" }
    }

    private func verdicts(_ report: ForensicReport, into out: inout String) {
        guard !report.verdicts.isEmpty else { return }
        out += "## Verdicts\n\n| Reference | Decision | Strength | p (corrected) | Summary |\n|---|---|---|---|---|\n"
        let ranked = ReportHeadline.rankedVerdicts(report)
        for v in ranked.prefix(limits.rows) {
            out +=
                "| \(e(v.reference)) | \(v.decision.rawValue) | \(v.strength.rawValue) | \(v.shownPValue) | \(e(v.summary)) |\n"
        }
        more(ranked.count - min(ranked.count, limits.rows), "verdicts", into: &out)
        if let top = ranked.first, !top.signals.isEmpty {
            out += "\nSignals behind the verdict on \(e(top.reference)) (\(e(top.method))):\n\n"
            out += "| Signal | Value | p | Method |\n|---|---|---|---|\n"
            for s in top.signals.prefix(limits.rows) {
                out +=
                    "| \(e(s.name)) | \(n(s.value)) | \(s.shownPValue) | \(e(s.method)) |\n"
            }
            signalEvidence(top, into: &out)
        }
        out += "\n"
    }

    /// Suspect against null rates, paired comparisons and passages of the top verdict's signals.
    private func signalEvidence(_ v: ReportVerdict, into out: inout String) {
        let rated = v.signals.filter { $0.suspectRate != nil }
        if !rated.isEmpty {
            out +=
                "\nSuspect against the null (share of documents over the null threshold; π₀ the rate the null allows):\n\n"
            out += "| Signal | Suspect | Null (π₀) |\n|---|---|---|\n"
            for s in rated.prefix(limits.rows) {
                out +=
                    "| \(e(s.name)) | \(ChartNumber.percent(s.suspectRate ?? 0, decimals: 1)) | \(s.nullRate.map { ChartNumber.percent($0, decimals: 1) } ?? "–") |\n"
            }
        }
        let paired = v.signals.filter { !($0.comparisons ?? []).isEmpty }
        if !paired.isEmpty {
            out +=
                "\nPaired per-prompt comparisons:\n\n| Signal | Against | Suspect closer | Farther | Ties | p |\n|---|---|---|---|---|---|\n"
            for s in paired {
                for c in (s.comparisons ?? []).prefix(limits.rows) {
                    out +=
                        "| \(e(s.name)) | \(e(c.against))\(c.sibling ? " (sibling)" : "") | \(c.wins) | \(c.losses) | \(c.ties) | \(c.shownPValue) |\n"
                }
            }
        }
        let quoted = v.signals.filter { !($0.passages ?? []).isEmpty }
        if !quoted.isEmpty {
            out += "\nEvidence passages (shared text in bold):\n\n"
            for s in quoted {
                let references = s.referencePassages ?? []
                for (k, p) in (s.passages ?? []).prefix(limits.rows).enumerated() {
                    out += "- \(e(s.name)), \(e(p.documentID)): \(passage(p))\n"
                    if k < references.count {
                        out +=
                            "  - \(e(v.reference)) \(e(references[k].documentID)), same prompt: \(passage(references[k]))\n"
                    }
                }
            }
        }
    }

    private func overlap(_ o: OverlapSection, into out: inout String) {
        out += "## N-gram overlap with \(e(o.reference))\n\n"
        out +=
            "\(o.suspectDocuments) suspect and \(o.referenceDocuments) reference documents; \(o.pairs) pairs by \(e(o.pairing)); boilerplate: n-grams in ≥ \(o.boilerplateMinDocuments) reference documents.\n\n"
        out +=
            "| n | Corpus containment | Shared / windows, boilerplate excluded | Boilerplate windows | Unpaired mean | Paired mean | Evidence spans |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for w in o.widths {
            out +=
                "| \(w.n) | \(ChartNumber.percent(w.corpusContainment, decimals: 2)) | \(w.sharedWindows - w.boilerplateWindows) / \(w.windows - w.boilerplateWindows) | \(w.boilerplateWindows) | \(n(w.unpairedContainment.mean)) | \(w.pairedContainment.map { n($0.mean) } ?? "–") | \(w.evidenceSpans) |\n"
        }
        let j = o.jaccard
        out +=
            "\nJaccard of \(j.shingleWidth)-gram shingle sets: paired mean \(j.paired.map { n($0.mean) } ?? "–"), best unpaired mean \(n(j.unpairedBest.mean)), max \(n(j.unpairedBest.max)).\n"
        if let nd = o.nearDuplicates {
            out +=
                "\n### Near-duplicate pairs\n\n\(nd.pairs.total) pair(s) at Jaccard ≥ \(n(nd.threshold)) (MinHash k = \(nd.permutations), LSH \(nd.bands)×\(nd.rows), \(nd.candidates) candidates).\n"
            if !nd.pairs.items.isEmpty {
                out += "\n| Jaccard | Suspect | Reference |\n|---|---|---|\n"
                for p in nd.pairs.items.prefix(limits.rows) {
                    out += "| \(String(format: "%.3f", p.jaccard)) | \(e(p.suspectID)) | \(e(p.referenceID)) |\n"
                }
            }
            more(nd.pairs.total - min(nd.pairs.items.count, limits.rows), "pairs", into: &out)
        }
        evidence(o.evidence, into: &out)
        if !o.boilerplate.isEmpty {
            out += "\n### Boilerplate met in the suspect (not evidence)\n\n"
            for b in o.boilerplate.prefix(limits.rows) { out += "- \(b.occurrences)× (\(b.n)-gram) \(e(b.text))\n" }
            more(o.boilerplate.count - min(o.boilerplate.count, limits.rows), "phrases", into: &out)
        }
        out += "\n"
    }

    private func evidence(_ list: CappedList<EvidencePair>, into out: inout String) {
        out += "\n### Evidence: shared spans side by side\n\n"
        out += "\(list.total) span(s); shown: \(e(list.selection)). Shared text is in bold.\n"
        let shown = limits.sampler.indices(count: list.items.count)
        for (rank, i) in shown.enumerated() {
            let pair = list.items[i]
            out +=
                "\n**\(rank + 1). \(pair.tokens) shared tokens** (\(pair.n)-gram match, item \(i + 1) of the ranking)\n\n"
            out +=
                "| Suspect: \(e(pair.suspect.documentID)) | Reference: \(e(pair.reference.documentID)) |\n|---|---|\n"
            out += "| \(passage(pair.suspect)) | \(passage(pair.reference)) |\n"
        }
        more(list.total - shown.count, "spans", into: &out)
    }

    func passage(_ p: EvidencePassage) -> String {
        limits.trim(p.segments).map { s in
            let text = e(s.text)
            guard s.shared else { return text }
            // Emphasis must not start or end with white space (CommonMark §6.2): keep it outside.
            let core = text.trimmingCharacters(in: .whitespaces)
            guard !core.isEmpty else { return text }
            let lead = text.prefix { $0 == " " }
            let trail = String(text.reversed().prefix { $0 == " " })
            return "\(lead)**\(core)**\(trail)"
        }.joined()
    }
}
