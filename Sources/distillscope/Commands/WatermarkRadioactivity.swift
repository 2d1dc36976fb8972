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
                corpus; tuples whose context occurs in the same document's prompt are skipped \
                (--prompt-filter corpus: in any prompt of the corpus); with --teacher, \
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

        @Option(
            help:
                "Skip a tuple when its context occurs in its own document's prompt (document) or in any prompt (corpus)."
        )
        var promptFilter: RadioactivityTest.PromptFilter = .document

        @Option(help: "Write the JSON report to FILE (- for standard output).")
        var json: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give a suspect corpus path") }
        }

        func run() throws {
            let tokenization = try watermark.tokenization()
            let bar = global.makeProgress(label: "radioactivity")
            let progress: (ReadProgress) -> Void = {
                bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents)
            }
            let options = RadioactivityTest.Options(
                deduplicate: !noDedup, skipPromptContexts: !keepPromptContexts, promptFilter: promptFilter)
            let corpusOptions = corpus.options(threads: global.threadCount)
            let report = try watermark.radioactivityReport(
                suspect: paths, teacher: teacher, options: options, corpus: corpusOptions, tokenization: tokenization,
                progress: progress)
            bar?.finish()
            if let json { try JSONOutput.write(report, to: json) }
            try reportOutput.write(
                try WatermarkReportMapper.report(report, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine)
            )
            if json != "-" { try Terminal.write(WatermarkTextFormatter.format(report)) }
            if report.finding { throw ExitCode(ExitStatus.findings) }
        }
    }
}
