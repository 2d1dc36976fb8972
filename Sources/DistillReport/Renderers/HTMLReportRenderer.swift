import Foundation

/// The report as one self-contained HTML5 file: inline CSS and inline SVG charts, no script, no
/// external resource (a Content-Security-Policy forbids them), readable without JavaScript and in
/// print. Verdict first, then one section per signal with its chart, side-by-side evidence with
/// the shared spans in `<mark>`, methods and parameters, and a reproducibility block.
///
/// Every piece of text from the report goes through ``HTMLEscaping``; long lists are cut to
/// ``RenderLimits`` with counts of what was left out.
public struct HTMLReportRenderer: ReportRenderer {
    public var limits: RenderLimits

    public init(limits: RenderLimits = RenderLimits()) { self.limits = limits }

    public func render(_ report: ForensicReport) throws -> Data {
        Data(html(report).utf8)
    }

    /// The HTML document.
    public func html(_ report: ForensicReport) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        out += "<title>DistillScope report: \(h(report.command))</title>\n"
        out += "<style>\n\(HTMLStyleSheet.css)\n</style>\n</head>\n<body>\n<main>\n"
        headline(report, into: &out)
        verdicts(report, into: &out)
        if let o = report.overlap { overlap(o, into: &out) }
        if let s = report.style { style(s, into: &out) }
        if let a = report.attribution { attribution(a, into: &out) }
        if let i = report.identity { identity(i, into: &out) }
        if let w = report.watermark { watermark(w, into: &out) }
        methods(report, into: &out)
        reproducibility(report, into: &out)
        out += "<footer>Written by \(h(report.tool.name)) \(h(report.tool.version)). "
        out += "The JSON report is the source of truth; this page is a rendering of it.</footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    func h(_ s: some StringProtocol) -> String { HTMLEscaping.escape(s) }
    func n(_ x: Double) -> String { ChartNumber.label(x, digits: 4) }

    func more(_ omitted: Int, _ noun: String, into out: inout String) {
        if let line = RenderLimits.more(omitted, noun) { out += "<p class=\"more\">\(h(line)).</p>\n" }
    }

    func figure(_ svg: String, caption: String, into out: inout String) {
        out += "<figure>\(svg)<figcaption>\(h(caption))</figcaption></figure>\n"
    }

    private func headline(_ report: ForensicReport, into out: inout String) {
        let top = ReportHeadline.rankedVerdicts(report).first
        let kind = top?.decision.rawValue ?? "none"
        out += "<header class=\"headline \(kind)\">\n"
        out += "<p class=\"kicker\">DistillScope forensic report · \(h(report.command))</p>\n"
        out += "<h1>\(h(ReportHeadline.title(report)))</h1>\n"
        if let top {
            out +=
                "<p>Strength <span class=\"badge s-\(top.strength.rawValue)\">\(top.strength.rawValue)</span> · p = \(h(top.shownPValue)) (corrected) · \(h(top.summary))</p>\n"
        }
        let lines = ReportHeadline.lines(report)
        if !lines.isEmpty {
            out += "<ul>\n"
            for line in lines { out += "<li>\(h(line))</li>\n" }
            out += "</ul>\n"
        }
        out += "</header>\n"
    }

    private func verdicts(_ report: ForensicReport, into out: inout String) {
        guard !report.verdicts.isEmpty else { return }
        let ranked = ReportHeadline.rankedVerdicts(report)
        out += "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<table>\n"
        out +=
            "<thead><tr><th>Reference</th><th>Decision</th><th>Strength</th><th class=\"num\">p (corrected)</th><th>Summary</th></tr></thead>\n<tbody>\n"
        for v in ranked.prefix(limits.rows) {
            out += "<tr><td>\(h(v.reference))</td><td class=\"d-\(v.decision.rawValue)\">\(v.decision.rawValue)</td>"
            out += "<td><span class=\"badge s-\(v.strength.rawValue)\">\(v.strength.rawValue)</span></td>"
            out += "<td class=\"num\">\(h(v.shownPValue))</td><td>\(h(v.summary))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        more(ranked.count - min(ranked.count, limits.rows), "verdicts", into: &out)
        if let top = ranked.first, !top.signals.isEmpty {
            out +=
                "<h3>Signals behind the verdict on \(h(top.reference))</h3>\n<p class=\"note\">\(h(top.method))</p>\n"
            out +=
                "<table>\n<thead><tr><th>Signal</th><th class=\"num\">Value</th><th class=\"num\">p</th><th>Method</th></tr></thead>\n<tbody>\n"
            for s in top.signals.prefix(limits.rows) {
                out +=
                    "<tr><td>\(h(s.name))</td><td class=\"num\">\(h(n(s.value)))</td><td class=\"num\">\(h(s.shownPValue))</td><td>\(h(s.method))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            signalEvidence(top, into: &out)
        }
        out += "</section>\n"
    }

    /// The evidence behind the top verdict's signals: suspect against null rates (a chart), the paired
    /// comparisons, and the suspect's strongest passages per signal.
    private func signalEvidence(_ v: ReportVerdict, into out: inout String) {
        let rated = v.signals.filter { $0.suspectRate != nil }
        if !rated.isEmpty {
            let chart = BarChart(
                title: "Suspect against the null: share of documents over the null threshold",
                axisLabel: "share of documents",
                bars: rated.prefix(limits.rows).map {
                    BarChart.Bar(label: $0.name, value: $0.suspectRate ?? 0, marker: $0.nullRate)
                }, format: { ChartNumber.percent($0, decimals: 1) })
            figure(
                chart.render(),
                caption:
                    "Bars: the suspect's documents over each signal's null threshold; marks: the rate the null allows (π₀, from independent models).",
                into: &out)
        }
        let paired = v.signals.filter { !($0.comparisons ?? []).isEmpty }
        if !paired.isEmpty {
            out += "<h3>Paired per-prompt comparisons</h3>\n<table>\n"
            out +=
                "<thead><tr><th>Signal</th><th>Against</th><th class=\"num\">Suspect closer</th><th class=\"num\">Farther</th><th class=\"num\">Ties</th><th class=\"num\">p</th></tr></thead>\n<tbody>\n"
            for s in paired {
                for c in (s.comparisons ?? []).prefix(limits.rows) {
                    out +=
                        "<tr><td>\(h(s.name))</td><td>\(h(c.against))\(c.sibling ? " (sibling)" : "")</td><td class=\"num\">\(c.wins)</td><td class=\"num\">\(c.losses)</td><td class=\"num\">\(c.ties)</td><td class=\"num\">\(h(c.shownPValue))</td></tr>\n"
                }
            }
            out += "</tbody>\n</table>\n"
        }
        let quoted = v.signals.filter { !($0.passages ?? []).isEmpty }
        if !quoted.isEmpty {
            out += "<h3>Evidence passages</h3>\n"
            for s in quoted {
                out += "<h4>\(h(s.name))</h4>\n"
                let references = s.referencePassages ?? []
                for (k, p) in (s.passages ?? []).prefix(limits.rows).enumerated() {
                    if k < references.count {
                        let r = references[k]
                        out += "<article class=\"evidence\">\n<div class=\"sides\">\n"
                        out +=
                            "<div class=\"side\"><h4>Suspect · \(h(p.documentID))</h4><p class=\"passage\">\(passage(p))</p></div>\n"
                        out +=
                            "<div class=\"side\"><h4>\(h(v.reference)) · \(h(r.documentID)) · same prompt</h4><p class=\"passage\">\(passage(r))</p></div>\n"
                        out += "</div>\n</article>\n"
                    } else {
                        out +=
                            "<article class=\"evidence\"><h4>\(h(p.documentID))</h4><p class=\"passage\">\(passage(p))</p></article>\n"
                    }
                }
            }
        }
    }

    /// One side of a piece of evidence: shared segments in `<mark>`.
    func passage(_ p: EvidencePassage) -> String {
        limits.trim(p.segments).map { $0.shared ? "<mark>\(h($0.text))</mark>" : h($0.text) }.joined()
    }
}
