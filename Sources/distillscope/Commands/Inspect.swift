import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope inspect`: what is in one or more corpora, and how they pair.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a corpus holds: documents, prompts, tokens, format, skipped records.",
        discussion: """
            Each PATH is one corpus: a .jsonl/.json/.txt file (optionally gzip-compressed), a directory \
            (recursed in sorted order) or - for standard input. Corpora after the first are paired \
            against the first: by id when both carry ids, else by identical prompt text.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments

    @Option(help: "Write JSON to FILE (- or no value: standard output) instead of text.")
    var json: String?

    @Argument(help: "Corpora to inspect (each a file, directory or -).")
    var paths: [String] = []

    mutating func validate() throws {
        // `inspect --json -`: JSON on standard output of the corpus on standard input (what it meant
        // when --json was a switch).
        if paths.isEmpty && json == "-" { paths = ["-"] }
        if paths.isEmpty { throw ValidationError("give at least one corpus path") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() throws {
        // inspect keeps no state per document: no --max-documents guard.
        var streaming = corpus.options(threads: global.threadCount)
        streaming.maxDocuments = .max
        let bar = global.makeProgress(label: "inspect")
        let inspections = try CorpusInspector.inspect(
            corpora: paths.map { [$0] }, options: streaming,
            progress: { _, p in bar?.update(bytes: p.bytesRead, total: p.totalBytes, items: p.documents) })
        bar?.finish()
        if let json {
            try JSONOutput.write(InspectReport(inspections), to: json)
            if json == "-" { return }
        }
        try Terminal.write(InspectTextFormatter.format(inspections))
    }
}
