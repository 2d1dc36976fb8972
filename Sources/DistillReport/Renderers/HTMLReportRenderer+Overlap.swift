import Foundation

extension HTMLReportRenderer {
    /// The n-gram overlap section: numbers, containment histograms, near-duplicates, side-by-side
    /// evidence and boilerplate.
    func overlap(_ o: OverlapSection, into out: inout String) {
        out += "<section id=\"overlap\">\n<h2>N-gram overlap with \(h(o.reference))</h2>\n"
        out +=
            "<p>\(o.suspectDocuments) suspect and \(o.referenceDocuments) reference documents; \(o.pairs) pairs by \(h(o.pairing)). N-grams found in at least \(o.boilerplateMinDocuments) reference documents are boilerplate: counted apart, never evidence.</p>\n"
        out += "<table>\n<thead><tr><th class=\"num\">n</th><th class=\"num\">Corpus containment</th>"
        out += "<th class=\"num\">Shared / windows, boilerplate excluded</th><th class=\"num\">Boilerplate windows</th>"
        out += "<th class=\"num\">Unpaired mean · p90 · max</th><th class=\"num\">Paired mean · p90</th>"
        out += "<th class=\"num\">Evidence spans</th></tr></thead>\n<tbody>\n"
        for w in o.widths {
            out +=
                "<tr><td class=\"num\">\(w.n)</td><td class=\"num\">\(ChartNumber.percent(w.corpusContainment, decimals: 2))</td>"
            out +=
                "<td class=\"num\">\(w.sharedWindows - w.boilerplateWindows) / \(w.windows - w.boilerplateWindows)</td><td class=\"num\">\(w.boilerplateWindows)</td>"
            let u = w.unpairedContainment
            out += "<td class=\"num\">\(n(u.mean)) · \(n(u.p90)) · \(n(u.max))</td>"
            out += "<td class=\"num\">\(w.pairedContainment.map { "\(n($0.mean)) · \(n($0.p90))" } ?? "–")</td>"
            out += "<td class=\"num\">\(w.evidenceSpans)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let j = o.jaccard
        out +=
            "<p>Jaccard of \(j.shingleWidth)-gram shingle sets: paired mean \(j.paired.map { n($0.mean) } ?? "–"); best unpaired match mean \(n(j.unpairedBest.mean)), max \(n(j.unpairedBest.max)).</p>\n"
        out += "<div class=\"charts\">\n"
        for w in o.widths {
            guard let histogram = w.containmentHistogram else { continue }
            let chart = HistogramChart(
                title: "Per-document \(w.n)-gram containment",
                axisLabel: "share of the document's \(w.n)-grams found in the reference",
                buckets: histogram.buckets.map { .init(lower: $0.lower, upper: $0.upper, count: $0.count) })
            figure(
                chart.render(),
                caption:
                    "Containment histogram, \(w.n)-grams: \(histogram.total) suspect documents in \(histogram.buckets.count) buckets.",
                into: &out)
        }
        out += "</div>\n"
        if let nd = o.nearDuplicates { nearDuplicates(nd, into: &out) }
        evidence(o.evidence, into: &out)
        if !o.boilerplate.isEmpty {
            out += "<h3>Boilerplate met in the suspect (not evidence)</h3>\n<table>\n"
            out +=
                "<thead><tr><th class=\"num\">Occurrences</th><th class=\"num\">n</th><th>Phrase</th></tr></thead>\n<tbody>\n"
            for b in o.boilerplate.prefix(limits.rows) {
                out += "<tr><td class=\"num\">\(b.occurrences)</td><td class=\"num\">\(b.n)</td>"
                out += "<td>\(h(String(b.text.prefix(limits.passageCharacters))))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            more(o.boilerplate.count - min(o.boilerplate.count, limits.rows), "phrases", into: &out)
        }
        out += "</section>\n"
    }

    private func nearDuplicates(_ nd: OverlapSection.NearDuplicates, into out: inout String) {
        out += "<h3>Near-duplicate pairs</h3>\n"
        out +=
            "<p>\(nd.pairs.total) pair(s) with Jaccard ≥ \(n(nd.threshold)) (MinHash, k = \(nd.permutations); LSH \(nd.bands) bands × \(nd.rows) rows; \(nd.candidates) candidates, \(nd.verified) verified by exact Jaccard).</p>\n"
        guard !nd.pairs.items.isEmpty else { return }
        out +=
            "<table>\n<thead><tr><th class=\"num\">Jaccard</th><th>Suspect document</th><th>Reference document</th></tr></thead>\n<tbody>\n"
        for p in nd.pairs.items.prefix(limits.rows) {
            out += "<tr><td class=\"num\">\(String(format: "%.3f", p.jaccard))</td><td>\(h(p.suspectID))</td>"
            out += "<td>\(h(p.referenceID))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        more(nd.pairs.total - min(nd.pairs.items.count, limits.rows), "pairs", into: &out)
    }

    private func evidence(_ list: CappedList<EvidencePair>, into out: inout String) {
        out += "<h3 id=\"evidence\">Evidence: shared spans side by side</h3>\n"
        let shown = limits.sampler.indices(count: list.items.count)
        var note = "\(list.total) span(s) in all; the report holds \(list.items.count) (\(list.selection))."
        if shown.count < list.items.count {
            note +=
                " Shown: the first \(min(limits.evidenceTop, list.items.count)) and a fixed pseudo-random sample of \(shown.count - min(limits.evidenceTop, list.items.count)) of the rest."
        }
        out += "<p class=\"note\">\(h(note)) Shared text is highlighted.</p>\n"
        for (rank, i) in shown.enumerated() {
            let pair = list.items[i]
            out += "<article class=\"evidence\">\n"
            out +=
                "<h3>\(rank + 1). \(pair.tokens) shared tokens · \(pair.n)-gram match · item \(i + 1) of the ranking</h3>\n"
            out += "<div class=\"sides\">\n"
            for (side, p) in [("Suspect", pair.suspect), ("Reference", pair.reference)] {
                let location = p.tokenStart.map { s in p.tokenEnd.map { " · tokens \(s)–\($0)" } ?? "" } ?? ""
                out += "<div class=\"side\"><h4>\(side) · \(h(p.documentID))\(location)</h4>"
                out += "<p class=\"passage\">\(passage(p))</p></div>\n"
            }
            out += "</div>\n</article>\n"
        }
        more(list.total - shown.count, "spans", into: &out)
    }
}
