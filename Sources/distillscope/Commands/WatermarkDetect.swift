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
                within a text counted once (kgw: every token, as MarkLLM, unless --ignore-repeated-ngrams; \
                synthid: n-grams whose context repeats are dropped, as the package's detector). The corpus total scores each distinct tuple once across the \
                corpus. Exit 1 when the corpus p-value is at or below --alpha.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var corpus: CorpusArguments
        @OptionGroup var watermark: WatermarkArguments
        @OptionGroup var page: TokenPageArguments

        @Argument(help: "The corpus (files, directories or -).")
        var paths: [String]

        @Flag(help: "Score repeated (context, token) tuples within a text every time.")
        var keepRepeats = false

        @Option(help: "Write the JSON report to FILE (- for standard output).")
        var json: String?

        @Option(help: "Documents to list in the table (0 for all).") var show: Int = 50

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give a corpus path") }
            if show < 0 { throw ValidationError("--show must be 0 or more") }
            try page.validate(paths: paths)
        }

        func run() throws {
            let tokenization = try watermark.tokenization()
            let bar = global.makeProgress(label: "watermark")
            let progress: (ReadProgress) -> Void = {
                bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents)
            }
            let corpusOptions = corpus.options(threads: global.threadCount)
            let report: WatermarkDetectReport
            let source: TokenPageArguments.Source
            if let deployed = try watermark.deployedWatermark(keepRepeats: keepRepeats) {
                let detection = try deployed.detect(
                    paths: paths, alpha: watermark.alpha, corpus: corpusOptions, tokenization: tokenization,
                    progress: progress)
                bar?.finish()
                source = .deployed(deployed)
                report = WatermarkDetectReport(
                    detection, paths: paths, parameters: deployed.reportParameters,
                    keyFingerprint: deployed.keyFingerprint, tokenization: watermark.tokenizationName,
                    deployed: deployed.parameters, ignoreRepeatedTuples: ignoresRepeats(deployed))
            } else {
                let key = try watermark.resolveKey()
                let parameters = watermark.parameters
                try parameters.validate()
                let detection = try WatermarkDetector.detect(
                    paths: paths, key: key, parameters: parameters, ignoreRepeatedTuples: !keepRepeats,
                    alpha: watermark.alpha, corpus: corpusOptions, tokenization: tokenization, progress: progress)
                bar?.finish()
                source = .portable(
                    WatermarkDetector(key: key, parameters: parameters, ignoreRepeatedTuples: !keepRepeats))
                report = WatermarkDetectReport(
                    detection, paths: paths, parameters: parameters, keyFingerprint: key.fingerprint,
                    tokenization: watermark.tokenizationName, ignoreRepeatedTuples: !keepRepeats)
            }
            if let json { try JSONOutput.write(report, to: json) }
            try page.write(
                report: report, source: source, paths: paths, corpus: corpusOptions, tokenization: tokenization)
            if json != "-" { try Terminal.write(WatermarkTextFormatter.format(report, show: show)) }
            if report.finding { throw ExitCode(ExitStatus.findings) }
        }
    }
}
