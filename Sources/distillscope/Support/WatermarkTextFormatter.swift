import DistillCore
import DistillReport
import Foundation

/// Human-readable output of `watermark detect` and `watermark radioactivity`.
enum WatermarkTextFormatter {
    /// The per-document table of `watermark detect`, at most `show` rows (0: all), and the corpus total.
    static func format(_ r: WatermarkDetectReport, show: Int) -> String {
        let p = r.parameters
        var out = "Watermark \(p.scheme.rawValue)  key \(r.keyFingerprint)  "
        out += parameterText(p, r.deployed) + "  tokens: \(r.tokenization)\n"
        out += "\(r.documents.count) documents\n\n"
        let kgw = p.scheme.isBinomial
        let header = [
            WatermarkFormat.padded("document", 24, left: true), WatermarkFormat.padded("tokens", 7),
            WatermarkFormat.padded(p.scheme == .synthID ? "trials" : "scored", 7),
            WatermarkFormat.padded(p.scheme == .synthID ? "g=1" : kgw ? "green" : "score", 9),
            WatermarkFormat.padded(kgw && p.scheme != .synthID ? "fraction" : "mean", 8),
            WatermarkFormat.padded("z", 7),
            WatermarkFormat.padded("log10 p", 9),
        ]
        out += header.joined(separator: " ") + "\n"
        let limit = show == 0 ? r.documents.count : min(show, r.documents.count)
        for row in r.documents.prefix(limit) { out += line(row.id, row.score, kgw: kgw) + "\n" }
        if limit < r.documents.count { out += "… \(r.documents.count - limit) more (--show 0 lists all)\n" }
        out += line("corpus (distinct tuples)", r.corpus, kgw: kgw) + "\n\n"
        if let interval = r.corpus.greenFractionInterval, kgw {
            out += "Corpus green fraction 95% Wilson interval: [\(WatermarkFormat.fixed(interval.lower, 4)), "
            out += "\(WatermarkFormat.fixed(interval.upper, 4))] (null \(nullName(p)) = \(p.gamma))\n"
        }
        out += "Median per-document log10 p: \(WatermarkFormat.log10P(r.medianDocumentLog10P)); "
        out += "documents with p ≤ \(r.alpha): \(r.documentsAtOrBelowAlpha)/\(r.documents.count)\n"
        out +=
            r.finding
            ? "Watermark detected: corpus p ≤ \(r.alpha)\n" : "No watermark detected at α = \(r.alpha)\n"
        return out
    }

    /// The radioactivity test: what was skipped, the test, the p-value curve and the decision.
    static func format(_ r: WatermarkRadioactivityReport) -> String {
        let p = r.parameters
        let s = r.result.score
        var out = "Radioactivity (Sander et al. 2024) \(p.scheme.rawValue)  key \(r.keyFingerprint)  "
        out += parameterText(p, r.deployed) + "  tokens: \(r.tokenization)\n"
        out += "\(r.result.documents) suspect documents, \(s.tokens) tokens\n"
        out += "Tuples skipped: \(r.result.skippedDuplicate) repeated, \(r.result.skippedPromptContext) "
        out +=
            r.result.options.promptFilter == .document
            ? "with a context in the document's prompt" : "with a context in any prompt"
        if r.result.options.teacherFilter {
            out += ", \(r.result.skippedNotInTeacher) with a context not in the teacher"
        }
        out += "\n"
        if !r.result.options.deduplicate {
            out += "WARNING: --no-dedup scores repeated tuples again; the p-value is not valid.\n"
        }
        out += p.scheme == .synthID ? "Trials N = \(s.scored) (tuples × layers)" : "Scored N = \(s.scored)"
        if p.scheme.isBinomial {
            out += p.scheme == .synthID ? "  g=1 S = \(s.green)  mean = " : "  green S = \(s.green)  fraction = "
            out += WatermarkFormat.fixed(s.greenFraction ?? 0, 4)
            if let w = s.greenFractionInterval {
                out += " [95% Wilson \(WatermarkFormat.fixed(w.lower, 4)), \(WatermarkFormat.fixed(w.upper, 4))]"
            }
        } else {
            out += "  score sum = \(WatermarkFormat.fixed(s.scoreSum, 2))"
        }
        out += "\nz = \(WatermarkFormat.fixed(s.z, 2))  log10 p = \(WatermarkFormat.log10P(s.log10P))\n"
        out += "p against tokens scored:"
        let points = r.result.curve
        let step = max(1, points.count / 8)
        for (i, point) in points.enumerated() where i % step == 0 || i == points.count - 1 {
            out += " \(point.scored):\(WatermarkFormat.log10P(point.log10P))"
        }
        out += "\n"
        out +=
            r.finding
            ? "Radioactive: the suspect carries the watermark (p ≤ \(r.alpha))\n"
            : "Not radioactive at α = \(r.alpha)\n"
        return out
    }

    /// The parameters in one line: the portable ones by symbol, a deployed scheme's by its package's names.
    static func parameterText(_ p: WatermarkParameters, _ deployed: DeployedWatermarkParameters?) -> String {
        guard let d = deployed else {
            return "γ=\(p.gamma) h=\(p.contextWidth) \(p.seeding.rawValue) seeding"
        }
        var parts: [String] = []
        if let v = d.vocabSize { parts.append("vocab_size=\(v)") }
        if let g = d.gamma { parts.append("gamma=\(g)") }
        if let h = d.prefixLength { parts.append("prefix_length=\(h)") }
        if let f = d.fScheme { parts.append("f_scheme=\(f)") }
        if let s = d.seedingScheme { parts.append("seeding_scheme=\(s)") }
        if d.ignoreRepeatedNgrams == true { parts.append("ignore_repeated_ngrams") }
        if let n = d.ngramLen { parts.append("ngram_len=\(n)") }
        if let k = d.depth { parts.append("keys=\(k)") }
        if let t = d.samplingTableSize { parts.append("sampling_table_size=\(t)") }
        if let t = d.samplingTableSeed { parts.append("sampling_table_seed=\(t)") }
        if let c = d.contextHistorySize { parts.append("context_history_size=\(c)") }
        if let e = d.eosTokenID { parts.append("eos_token_id=\(e)") }
        parts.append("null p0=\(WatermarkFormat.fixed(d.nullProbability, 6))")
        return parts.joined(separator: " ")
    }

    /// What the null probability is called: γ for green lists, p0 for SynthID's g-values.
    static func nullName(_ p: WatermarkParameters) -> String { p.scheme == .synthID ? "p0" : "γ" }

    private static func line(_ id: String, _ s: WatermarkScore, kgw: Bool) -> String {
        let shownID = id.count > 24 ? String(id.prefix(23)) + "…" : id
        let mean = s.scored > 0 ? s.scoreSum / Double(s.scored) : 0
        return [
            WatermarkFormat.padded(shownID, 24, left: true), WatermarkFormat.padded(String(s.tokens), 7),
            WatermarkFormat.padded(String(s.scored), 7),
            WatermarkFormat.padded(kgw ? String(s.green) : WatermarkFormat.fixed(s.scoreSum, 1), 9),
            WatermarkFormat.padded(WatermarkFormat.fixed(kgw ? (s.greenFraction ?? 0) : mean, 3), 8),
            WatermarkFormat.padded(WatermarkFormat.fixed(s.z, 2), 7),
            WatermarkFormat.padded(WatermarkFormat.log10P(s.log10P), 9),
        ].joined(separator: " ")
    }
}
