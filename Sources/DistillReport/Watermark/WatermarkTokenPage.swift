import DistillCore
import Foundation

/// The HTML page of `watermark detect --html`: the corpus result and one document token by token —
/// green and red tokens (KGW, `ds-kgw`) or shading by per-token value (SynthID's g-values,
/// `ds-gumbel`), as MarkLLM's visualiser shows them. Self-contained (inline CSS, no script); every
/// text is escaped (``HTMLEscaping``) and every style value is a number this code formats.
public enum WatermarkTokenPage {
    /// Most tokens shown; the rest are counted.
    public static let maxTokens = 5_000

    /// The page for `view`, one of `report`'s documents.
    /// - Complexity: O(tokens shown + documents).
    public static func render(report: WatermarkDetectReport, view: WatermarkTokenView) -> String {
        func e(_ text: String) -> String { HTMLEscaping.escape(text) }
        func p(_ log10P: Double) -> String { VerdictSummary.format(log10P: log10P) }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Watermark tokens — \(e(view.document))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
            .tokens{white-space:pre-wrap;line-height:1.9;font-family:ui-monospace,monospace;font-size:.95rem}
            .tokens span{border-radius:3px;padding:1px 0}
            .g{background:#b7e4b0}.r{background:#f4b6b6}.n{color:#888}
            table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
            .legend span{padding:0 .4rem;margin-right:.6rem;border-radius:3px}
            </style></head><body>
            <h1>Watermark, token by token</h1>

            """
        let scheme = report.parameters.scheme.rawValue
        html += "<table>"
        html += "<tr><th>scheme</th><td>\(e(scheme))</td></tr>"
        html += "<tr><th>key fingerprint</th><td>\(e(report.keyFingerprint))</td></tr>"
        html += "<tr><th>tokenization</th><td>\(e(report.tokenization))</td></tr>"
        html +=
            "<tr><th>corpus</th><td>\(report.corpus.scored) scored, z = \(String(format: "%.2f", report.corpus.z)), "
            + "p = \(e(p(report.corpus.log10P)))</td></tr>"
        html +=
            "<tr><th>documents</th><td>\(report.documents.count); \(report.documentsAtOrBelowAlpha) at or below "
            + "α = \(e(String(report.alpha)))</td></tr>"
        if let score = report.documents.first(where: { $0.id == view.document })?.score {
            html +=
                "<tr><th>this document</th><td>\(e(view.document)): \(score.scored) scored, "
                + "z = \(String(format: "%.2f", score.z)), p = \(e(p(score.log10P)))</td></tr>"
        }
        html += "</table>\n"
        if view.kind == "green" {
            html +=
                "<p class=\"legend\"><span class=\"g\">green</span><span class=\"r\">red</span>"
                + "<span class=\"n\">not scored</span> (about \(String(format: "%.0f", 100 * view.nullMean))% of "
                + "scored tokens are green without the watermark)</p>\n"
        } else {
            html +=
                "<p class=\"legend\">Shade: the token's value from 0 (white) to 1 (dark green); "
                + "\(String(format: "%.2f", view.nullMean)) on average without the watermark; grey: not scored.</p>\n"
        }
        html += "<div class=\"tokens\">"
        for (i, token) in view.tokens.prefix(maxTokens).enumerated() {
            if i > 0 { html += e(view.separator) }
            let title: String
            let attributes: String
            switch token.value {
            case nil:
                attributes = "class=\"n\""
                title = "not scored"
            case let v? where view.kind == "green":
                attributes = v >= 0.5 ? "class=\"g\"" : "class=\"r\""
                title = v >= 0.5 ? "green" : "red"
            case let v?:
                let alpha = String(format: "%.3f", min(1, max(0, v)))
                attributes = "style=\"background:rgba(46,139,87,\(alpha))\""
                title = String(format: "%.3f", v)
            }
            html += "<span \(attributes) title=\"\(e(title))\">\(e(token.text))</span>"
        }
        html += "</div>\n"
        if view.tokens.count > maxTokens {
            html += "<p>First \(maxTokens) of \(view.tokens.count) tokens shown.</p>\n"
        }
        html += "</body></html>\n"
        return html
    }
}
