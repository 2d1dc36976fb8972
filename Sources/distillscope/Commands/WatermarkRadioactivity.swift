import ArgumentParser
import DistillCore
import DistillReport
import Foundation

extension Watermark {
    /// `distillscope watermark radioactivity SUSPECT`: was the suspect trained on watermarked text?
    struct Radioactivity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Corpus-level radioactivity test (Sander et al. 2024): does a suspect carry a teacher's watermark?",
            discussion: """
                Each distinct (context, token) tuple of the suspect's texts is scored once across the \
                corpus; tuples whose context occurs in the suspect's prompts are skipped; with --teacher, \
                only contexts seen in the teacher corpus are kept. Exit 1 when p ≤ --alpha.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var corpus: CorpusArguments
        @OptionGroup var watermark: WatermarkArguments
        @OptionGroup var reportOutput: ReportArguments

        @Argument(help: "The suspect corpus (files, directories or -).")
        var paths: [String]

        @Option(help: "A teacher corpus: keep only contexts it contains (repeatable).")
        var teacher: [String] = []

        @Flag(help: "Score repeated tuples every time (shows the failure mode dedup prevents; not a valid test).")
        var noDedup = false

        @Flag(help: "Also score tuples whose context occurs in the prompts.")
        var keepPromptContexts = false

        @Option(help: "Write the JSON report to FILE (- for standard output).")
        var json: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give a suspect corpus path") }
        }

        func run() throws {
            let key = try watermark.resolveKey()
            let parameters = watermark.parameters
            try parameters.validate()
            let tokenization = try watermark.tokenization()
            let threads = global.threadCount
            let corpusOptions = corpus.options(threads: threads)
            let bar = global.makeProgress(label: "radioactivity")
            let (documents, summary) = try WatermarkCorpus.read(
                paths: paths, options: corpusOptions, tokenization: tokenization, prompts: !keepPromptContexts,
                progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
            var test = RadioactivityTest(
                key: key, parameters: parameters,
                options: .init(deduplicate: !noDedup, skipPromptContexts: !keepPromptContexts))
            if !teacher.isEmpty {
                let teacherDocuments = try WatermarkCorpus.read(
                    paths: teacher, options: corpusOptions, tokenization: tokenization, prompts: false
                ).documents
                for document in teacherDocuments { test.keepOnlyContexts(ofTeacher: document.textIDs) }
            }
            bar?.finish()
            for document in documents { test.excludeContexts(ofPrompt: document.promptIDs) }
            for document in documents { test.add(ids: document.textIDs) }
            let result = test.result()
            let report = WatermarkRadioactivityReport(
                schemaVersion: ReportJSON.schemaVersion, command: "watermark radioactivity", paths: paths,
                teacherPaths: teacher, parameters: parameters, keyFingerprint: key.fingerprint,
                tokenization: watermark.tokenizationName, alpha: watermark.alpha, result: result,
                finding: result.score.log10P <= log10(watermark.alpha), summary: summary)
            if let json { try JSONOutput.write(report, to: json) }
            try reportOutput.write(try forensicReport(report))
            if json != "-" { try Terminal.write(format(report)) }
            if report.finding { throw ExitCode(ExitStatus.findings) }
        }

        /// The `--report` model: the radioactivity curve (log10 p against tuples scored) and a
        /// verdict for the key's owner.
        private func forensicReport(_ r: WatermarkRadioactivityReport) throws -> ForensicReport {
            var inputs: [ForensicReport.Input] = []
            for path in paths {
                inputs.append(try ReportInputHasher.input(role: "suspect", path: path, summary: r.summary))
            }
            let p = r.parameters
            let s = r.result.score
            let keyName = "key \(r.keyFingerprint)"
            let verdict = ReportVerdict(
                reference: keyName, decision: r.finding ? .derived : .notDerived,
                pValue: PValue.linear(fromLog10: s.log10P), log10PValue: s.log10P,
                summary: r.finding
                    ? "The suspect carries the watermark of \(keyName): \(s.scored) distinct tuples scored, "
                        + "p = \(ChartNumber.pValue(fromLog10: s.log10P))."
                    : "No watermark of \(keyName) at α = \(r.alpha) (p = \(ChartNumber.pValue(fromLog10: s.log10P))).",
                method: "radioactivity test (Sander et al. 2024): each distinct tuple scored once, exact "
                    + (p.scheme == .kgw ? "binomial" : "Gamma") + " tail",
                signals: [
                    .init(
                        name: "watermark z", value: s.z, pValue: PValue.linear(fromLog10: s.log10P),
                        log10PValue: s.log10P,
                        method: p.scheme.rawValue)
                ])
            let options: [String: String] = [
                "scheme": p.scheme.rawValue, "gamma": String(p.gamma), "context": String(p.contextWidth),
                "seeding": p.seeding.rawValue, "dedup": noDedup ? "off" : "on", "tokenizer": r.tokenization,
                "alpha": String(r.alpha), "key": r.keyFingerprint,
            ]
            let section = WatermarkSection(
                scheme: p.scheme.rawValue, keyName: keyName, greenFraction: s.greenFraction,
                gamma: p.scheme == .kgw ? p.gamma : nil, alpha: r.alpha, contextWidth: p.contextWidth, documents: nil,
                radioactivity: r.result.curve.map { .init(tokensScored: $0.scored, log10P: $0.log10P) })
            return ForensicReport(
                command: "watermark radioactivity", tool: ReportOutput.tool, commandLine: ReportOutput.commandLine,
                inputs: inputs, options: options, verdicts: [verdict], watermark: section)
        }

        private func format(_ r: WatermarkRadioactivityReport) -> String {
            let p = r.parameters
            let s = r.result.score
            var out = "Radioactivity (Sander et al. 2024) \(p.scheme.rawValue)  key \(r.keyFingerprint)  "
            out += "γ=\(p.gamma) h=\(p.contextWidth) \(p.seeding.rawValue) seeding  tokens: \(r.tokenization)\n"
            out += "\(r.result.documents) suspect documents, \(s.tokens) tokens\n"
            out += "Tuples skipped: \(r.result.skippedDuplicate) repeated, \(r.result.skippedPromptContext) "
            out += "with a prompt context"
            if r.result.options.teacherFilter {
                out += ", \(r.result.skippedNotInTeacher) with a context not in the teacher"
            }
            out += "\n"
            if !r.result.options.deduplicate {
                out += "WARNING: --no-dedup scores repeated tuples again; the p-value is not valid.\n"
            }
            out += "Scored N = \(s.scored)"
            if p.scheme == .kgw {
                out += "  green S = \(s.green)  fraction = \(WatermarkFormat.fixed(s.greenFraction ?? 0, 4))"
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
    }
}
