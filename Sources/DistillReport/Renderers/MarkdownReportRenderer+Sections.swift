import Foundation

extension MarkdownReportRenderer {
    /// Style, attribution, identity and watermark sections, each when present.
    func signals(_ report: ForensicReport, into out: inout String) {
        if let s = report.style {
            out += "## Stylometric distance (\(e(s.metric)), \(e(s.features)))\n\n"
            out += "| Reference | Distance | Null mean | Null upper 95% | p |\n|---|---|---|---|---|\n"
            for d in s.distances.sorted(by: { $0.distance < $1.distance }).prefix(limits.rows) {
                out +=
                    "| \(e(d.reference)) | \(n(d.distance)) | \(d.nullMean.map(n) ?? "–") | \(d.nullUpper.map(n) ?? "–") | \(d.pValue.map { ChartNumber.pValue($0) } ?? "–") |\n"
            }
            more(s.distances.count - min(s.distances.count, limits.rows), "references", into: &out)
            out += "\n"
        }
        if let a = report.attribution {
            out += "## Attribution (\(a.replicates) bootstrap replicates)\n\n\(e(a.method))\n\n"
            out += "| Reference | Share | 95% interval |\n|---|---|---|\n"
            for s in a.shares.sorted(by: { $0.share > $1.share }).prefix(limits.rows) {
                out +=
                    "| \(e(s.reference)) | \(ChartNumber.percent(s.share)) | \(ChartNumber.percent(s.lower)) – \(ChartNumber.percent(s.upper)) |\n"
            }
            out += "| *none of these* | \(ChartNumber.percent(a.noneOfThese)) | |\n"
            more(a.shares.count - min(a.shares.count, limits.rows), "references", into: &out)
            out += "\n"
        }
        if let i = report.identity {
            out +=
                "## Identity claims\n\n\(i.documentsScanned) documents scanned; Wilson \(ChartNumber.percent(i.confidence, decimals: 0)) intervals.\n\n"
            out += "| Identity claimed | Documents | Rate | Interval |\n|---|---|---|---|\n"
            for c in i.claims.sorted(by: { $0.rate > $1.rate }).prefix(limits.rows) {
                out +=
                    "| \(e(c.identity)) | \(c.documents) | \(ChartNumber.percent(c.rate, decimals: 2)) | \(ChartNumber.percent(c.lower, decimals: 2)) – \(ChartNumber.percent(c.upper, decimals: 2)) |\n"
            }
            if !i.snippets.items.isEmpty {
                out += "\nExamples (the claim in bold):\n\n"
                for s in i.snippets.items.prefix(limits.rows) {
                    out += "- \(e(s.documentID)): \(passage(s))\n"
                }
            }
            more(i.snippets.total - min(i.snippets.items.count, limits.rows), "examples", into: &out)
            out += "\n"
        }
        if let w = report.watermark {
            out += "## Watermark (\(e(w.scheme)), key \(e(w.keyName)), context width \(w.contextWidth)"
            out += w.gamma.map { ", γ = \(n($0))" } ?? ""
            out += ")\n\n"
            if let g = w.greenFraction {
                out += "Observed green share \(n(g))"
                out += w.gamma.map { " against \(n($0)) expected without the watermark" } ?? ""
                out += ".\n\n"
            }
            if let d = w.documents {
                out +=
                    "\(d.scored) documents scored; \(d.flagged) with p &lt; \(n(d.alpha)); median p \(ChartNumber.pValue(fromLog10: d.medianLog10P)), smallest p \(ChartNumber.pValue(fromLog10: d.minimumLog10P)).\n\n"
            }
            if let last = w.radioactivity.last {
                out +=
                    "Radioactivity test: after \(last.tokensScored) distinct tokens scored, p = \(ChartNumber.pValue(fromLog10: last.log10P)) (\(w.radioactivity.count) points).\n\n"
            }
        }
    }

    /// Methods, parameters, inputs with hashes, tool and command line, timings.
    func reproducibility(_ report: ForensicReport, into out: inout String) {
        out += "## Methods and parameters\n\n"
        if report.options.isEmpty {
            out += "No options recorded.\n"
        } else {
            out += "| Option | Value |\n|---|---|\n"
            for (k, v) in report.options.sorted(by: { $0.key < $1.key }) { out += "| \(e(k)) | \(e(v)) |\n" }
        }
        out += "\n## Reproducibility\n\n"
        out += "- Tool: \(e(report.tool.name)) \(e(report.tool.version)), report schema \(report.schemaVersion)\n"
        out += "- Command line: \(e(report.commandLine.map(Self.shellQuote).joined(separator: " ")))\n\n"
        out += "| Role | Path | Bytes | Documents | SHA-256 |\n|---|---|---|---|---|\n"
        for input in report.inputs.prefix(limits.rows) {
            out +=
                "| \(e(input.role)) | \(e(input.path)) | \(input.bytes) | \(input.documents) | \(input.sha256 ?? "–") |\n"
        }
        more(report.inputs.count - min(report.inputs.count, limits.rows), "inputs", into: &out)
        if !report.timings.isEmpty {
            out += "\nTimings: "
            out += report.timings.map { "\(e($0.phase)) \(String(format: "%.3f", $0.seconds)) s" }.joined(
                separator: ", ")
            out += ".\n"
        }
    }

    /// `argument` quoted for a POSIX shell when it needs it.
    static func shellQuote(_ argument: String) -> String {
        let safe = argument.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
        }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
