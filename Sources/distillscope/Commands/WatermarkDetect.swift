import ArgumentParser
import DistillCore
import DistillReport
import Foundation

extension Watermark {
    /// `distillscope watermark detect CORPUS`: per-document watermark scores and a corpus total.
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-document watermark scores (z, exact p-value, green fraction) and a corpus total.",
            discussion: """
                Each document is scored on its text (not its prompt), repeated (context, token) tuples \
                within a text counted once. The corpus total scores each distinct tuple once across the \
                corpus. Exit 1 when the corpus p-value is at or below --alpha.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var corpus: CorpusArguments
        @OptionGroup var watermark: WatermarkArguments

        @Argument(help: "The corpus (files, directories or -).")
        var paths: [String]

        @Flag(help: "Score repeated (context, token) tuples within a text every time.")
        var keepRepeats = false

        @Option(help: "Write the JSON report to FILE (- for standard output).")
        var json: String?

        @Option(help: "Documents to list in the table (0 for all).")
        var show: Int = 50

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give a corpus path") }
            if show < 0 { throw ValidationError("--show must be 0 or more") }
        }

        func run() throws {
            let key = try watermark.resolveKey()
            let parameters = watermark.parameters
            try parameters.validate()
            let tokenization = try watermark.tokenization()
            let threads = global.threadCount
            let bar = global.makeProgress(label: "watermark")
            let (documents, summary) = try WatermarkCorpus.read(
                paths: paths, options: corpus.options(threads: threads), tokenization: tokenization, prompts: false,
                progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
            bar?.finish()
            let detector = WatermarkDetector(key: key, parameters: parameters, ignoreRepeatedTuples: !keepRepeats)
            let scores = Parallel.map(count: documents.count, threads: threads) {
                detector.score(ids: documents[$0].textIDs)
            }
            var total = RadioactivityTest(
                key: key, parameters: parameters, options: .init(deduplicate: true, skipPromptContexts: false))
            for document in documents { total.add(ids: document.textIDs) }
            let corpusScore = total.result().score
            let log10Ps = scores.map(\.log10P)
            let report = WatermarkDetectReport(
                schemaVersion: ReportJSON.schemaVersion, command: "watermark detect", paths: paths,
                parameters: parameters, keyFingerprint: key.fingerprint, tokenization: watermark.tokenizationName,
                ignoreRepeatedTuples: !keepRepeats, alpha: watermark.alpha,
                documents: zip(documents, scores).map { .init(id: $0.id, score: $1) }, corpus: corpusScore,
                medianDocumentLog10P: Distribution(log10Ps).median,
                documentsAtOrBelowAlpha: log10Ps.filter { $0 <= log10(watermark.alpha) }.count,
                finding: corpusScore.log10P <= log10(watermark.alpha), summary: summary)
            if let json { try JSONOutput.write(report, to: json) }
            if json != "-" { try Terminal.write(format(report)) }
            if report.finding { throw ExitCode(ExitStatus.findings) }
        }

        private func format(_ r: WatermarkDetectReport) -> String {
            let p = r.parameters
            var out = "Watermark \(p.scheme.rawValue)  key \(r.keyFingerprint)  γ=\(p.gamma) h=\(p.contextWidth) "
            out += "\(p.seeding.rawValue) seeding  tokens: \(r.tokenization)\n"
            out += "\(r.documents.count) documents\n\n"
            let kgw = p.scheme == .kgw
            let header = [
                WatermarkFormat.padded("document", 24, left: true), WatermarkFormat.padded("tokens", 7),
                WatermarkFormat.padded("scored", 7), WatermarkFormat.padded(kgw ? "green" : "score", 9),
                WatermarkFormat.padded(kgw ? "fraction" : "mean", 8), WatermarkFormat.padded("z", 7),
                WatermarkFormat.padded("log10 p", 9),
            ]
            out += header.joined(separator: " ") + "\n"
            let limit = show == 0 ? r.documents.count : min(show, r.documents.count)
            for row in r.documents.prefix(limit) { out += line(row.id, row.score, kgw: kgw) + "\n" }
            if limit < r.documents.count { out += "… \(r.documents.count - limit) more (--show 0 lists all)\n" }
            out += line("corpus (distinct tuples)", r.corpus, kgw: kgw) + "\n\n"
            if let interval = r.corpus.greenFractionInterval, kgw {
                out += "Corpus green fraction 95% Wilson interval: [\(WatermarkFormat.fixed(interval.lower, 4)), "
                out += "\(WatermarkFormat.fixed(interval.upper, 4))] (null γ = \(p.gamma))\n"
            }
            out += "Median per-document log10 p: \(WatermarkFormat.log10P(r.medianDocumentLog10P)); "
            out += "documents with p ≤ \(r.alpha): \(r.documentsAtOrBelowAlpha)/\(r.documents.count)\n"
            out +=
                r.finding
                ? "Watermark detected: corpus p ≤ \(r.alpha)\n" : "No watermark detected at α = \(r.alpha)\n"
            return out
        }

        private func line(_ id: String, _ s: WatermarkScore, kgw: Bool) -> String {
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
}
