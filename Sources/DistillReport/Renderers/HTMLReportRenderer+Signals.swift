import Foundation

extension HTMLReportRenderer {
    func style(_ s: StyleSection, into out: inout String) {
        let sorted = s.distances.sorted {
            $0.distance != $1.distance ? $0.distance < $1.distance : $0.reference < $1.reference
        }
        let shown = Array(sorted.prefix(limits.rows))
        out += "<section id=\"style\">\n<h2>Stylometric distance</h2>\n"
        out +=
            "<p>\(h(s.metric)) over \(h(s.features)); smaller is closer. The dashed mark is the upper 95% point of the distance between independent models.</p>\n"
        let chart = BarChart(
            title: "Stylometric distance to each reference", axisLabel: "\(s.metric) distance",
            bars: shown.map { .init(label: $0.reference, value: $0.distance, marker: $0.nullUpper) })
        figure(
            chart.render(), caption: "Distance from the suspect to each reference (\(shown.count) of \(sorted.count)).",
            into: &out)
        out +=
            "<table>\n<thead><tr><th>Reference</th><th class=\"num\">Distance</th><th class=\"num\">Null mean</th><th class=\"num\">Null upper 95%</th><th class=\"num\">p</th></tr></thead>\n<tbody>\n"
        for d in shown {
            out +=
                "<tr><td>\(h(d.reference))</td><td class=\"num\">\(n(d.distance))</td><td class=\"num\">\(d.nullMean.map(n) ?? "–")</td>"
            out +=
                "<td class=\"num\">\(d.nullUpper.map(n) ?? "–")</td><td class=\"num\">\(h(d.pValue.map { ChartNumber.pValue($0) } ?? "–"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        more(sorted.count - shown.count, "references", into: &out)
        out += "</section>\n"
    }

    func attribution(_ a: AttributionSection, into out: inout String) {
        let sorted = a.shares.sorted { $0.share != $1.share ? $0.share > $1.share : $0.reference < $1.reference }
        let shown = Array(sorted.prefix(limits.rows))
        out +=
            "<section id=\"attribution\">\n<h2>Attribution</h2>\n<p>\(h(a.method)) (\(a.replicates) bootstrap replicates).</p>\n"
        var bars = shown.map {
            BarChart.Bar(label: $0.reference, value: $0.share, interval: $0.lower...max($0.lower, $0.upper))
        }
        bars.append(.init(label: "none of these", value: a.noneOfThese))
        let chart = BarChart(
            title: "Bootstrap share per candidate", axisLabel: "share of bootstrap replicates", bars: bars,
            maximum: 1, format: { ChartNumber.percent($0) })
        figure(
            chart.render(), caption: "Share of replicates that pick each candidate, with 95% percentile intervals.",
            into: &out)
        more(sorted.count - shown.count, "candidates", into: &out)
        out += "</section>\n"
    }

    func identity(_ i: IdentitySection, into out: inout String) {
        let sorted = i.claims.sorted { $0.rate != $1.rate ? $0.rate > $1.rate : $0.identity < $1.identity }
        let shown = Array(sorted.prefix(limits.rows))
        out += "<section id=\"identity\">\n<h2>Identity claims</h2>\n"
        out +=
            "<p>\(i.documentsScanned) suspect documents scanned for the suspect naming itself as another model or maker (negations excluded).</p>\n"
        if shown.isEmpty {
            out += "<p>No document names itself as another model or maker.</p>\n"
        } else {
            let chart = IntervalChart(
                title: "Identity-claim rates", axisLabel: "share of documents",
                rows: shown.map { .init(label: $0.identity, value: $0.rate, lower: $0.lower, upper: $0.upper) })
            figure(
                chart.render(),
                caption:
                    "Rate of each claimed identity with its Wilson \(ChartNumber.percent(i.confidence, decimals: 0)) interval.",
                into: &out)
        }
        more(sorted.count - shown.count, "identities", into: &out)
        if !i.snippets.items.isEmpty {
            out += "<h3>Examples</h3>\n"
            for s in i.snippets.items.prefix(limits.rows) {
                out +=
                    "<article class=\"evidence\"><h4>\(h(s.documentID))</h4><p class=\"passage\">\(passage(s))</p></article>\n"
            }
        }
        more(i.snippets.total - min(i.snippets.items.count, limits.rows), "examples", into: &out)
        out += "</section>\n"
    }

    func watermark(_ w: WatermarkSection, into out: inout String) {
        out += "<section id=\"watermark\">\n<h2>Watermark</h2>\n"
        out += "<p>Scheme \(h(w.scheme)), key \(h(w.keyName)), context width \(w.contextWidth)"
        out += w.gamma.map { ", γ = \(n($0)) (the green share expected without the watermark)" } ?? ""
        out += w.greenFraction.map { "; observed green share \(n($0))" } ?? ""
        out += ".</p>\n"
        let alpha = w.alpha ?? w.documents?.alpha ?? 0.01
        if let d = w.documents {
            out +=
                "<p>\(d.scored) documents scored; \(d.flagged) with p &lt; \(h(n(d.alpha))). Median p = \(h(ChartNumber.pValue(fromLog10: d.medianLog10P))); smallest p = \(h(ChartNumber.pValue(fromLog10: d.minimumLog10P))).</p>\n"
        }
        if !w.radioactivity.isEmpty {
            let chart = LogScatterChart(
                title: "Radioactivity: p-value against tokens scored",
                points: w.radioactivity.map { (Double($0.tokensScored), $0.log10P) },
                thresholdLog10P: log10(alpha), maximumPoints: limits.chartPoints)
            let drawn = chart.drawnPoints.count
            figure(
                chart.render(),
                caption:
                    "p of the corpus-level test as more distinct (context, token) tuples are scored; the line is α = \(n(alpha)); \(drawn) of \(w.radioactivity.count) points drawn.",
                into: &out)
        }
        out += "</section>\n"
    }

    func methods(_ report: ForensicReport, into out: inout String) {
        out += "<section id=\"methods\">\n<h2>Methods and parameters</h2>\n"
        out += "<ul>\n"
        if report.overlap != nil {
            out +=
                "<li>N-gram overlap: word n-grams of the normalised text (NFKC, lower case), hashed with FNV-1a and splitmix64; containment counts suspect n-gram windows found in the reference; boilerplate n-grams are excluded from evidence.</li>\n"
            out +=
                "<li>Near-duplicates: MinHash signatures with LSH banding, candidates verified by exact Jaccard of shingle sets.</li>\n"
        }
        for v in ReportHeadline.rankedVerdicts(report).prefix(1) { out += "<li>Verdict: \(h(v.method))</li>\n" }
        if let a = report.attribution { out += "<li>Attribution: \(h(a.method))</li>\n" }
        out += "</ul>\n"
        if !report.options.isEmpty {
            out += "<table>\n<thead><tr><th>Option</th><th>Value</th></tr></thead>\n<tbody>\n"
            for (k, v) in report.options.sorted(by: { $0.key < $1.key }) {
                out += "<tr><td>\(h(k))</td><td>\(h(v))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"
    }

    func reproducibility(_ report: ForensicReport, into out: inout String) {
        out += "<section id=\"reproducibility\">\n<h2>Reproducibility</h2>\n"
        out +=
            "<p>\(h(report.tool.name)) \(h(report.tool.version)), report schema version \(report.schemaVersion).</p>\n"
        out += "<pre>\(h(report.commandLine.map(MarkdownReportRenderer.shellQuote).joined(separator: " ")))</pre>\n"
        out +=
            "<table>\n<thead><tr><th>Role</th><th>Path</th><th class=\"num\">Bytes</th><th class=\"num\">Documents</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
        for input in report.inputs.prefix(limits.rows) {
            out += "<tr><td>\(h(input.role))</td><td>\(h(input.path))</td><td class=\"num\">\(input.bytes)</td>"
            out += "<td class=\"num\">\(input.documents)</td><td class=\"hash\">\(h(input.sha256 ?? "–"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        more(report.inputs.count - min(report.inputs.count, limits.rows), "inputs", into: &out)
        let files = report.inputs.reduce(0) { $0 + ($1.files?.count ?? 0) }
        if files > 0 {
            out +=
                "<p class=\"note\">Directory inputs: \(files) file(s) hashed one by one; the input's hash is SHA-256 of the sha256sum-style manifest (in the JSON report).</p>\n"
        }
        if !report.timings.isEmpty {
            out += "<p class=\"note\">Timings: "
            out += report.timings.map { "\(h($0.phase)) \(String(format: "%.3f", $0.seconds)) s" }.joined(
                separator: " · ")
            out += "</p>\n"
        }
        out += "</section>\n"
    }
}
