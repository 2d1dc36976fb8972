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
            let report = InspectReport(
                schemaVersion: ReportJSON.schemaVersion, command: "inspect", corpora: inspections)
            try JSONOutput.write(report, to: json)
            if json == "-" { return }
        }
        do {
            try Terminal.write(InspectTextFormatter.format(inspections))
        }
    }
}

/// The JSON shape of `inspect --json`.
struct InspectReport: Codable {
    var schemaVersion: Int
    var command: String
    var corpora: [CorpusInspection]
}

/// Human-readable `inspect` output.
enum InspectTextFormatter {
    static func format(_ inspections: [CorpusInspection]) -> String {
        var out = ""
        for (i, c) in inspections.enumerated() {
            if i > 0 { out += "\n" }
            out += "corpus \(i + 1): \(c.paths.joined(separator: " "))\n"
            for f in c.summary.files {
                let shapes = f.shapes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                out += "  file         \(f.path): \(f.container.rawValue)\(f.gzip ? " (gzip)" : "")"
                out += shapes.isEmpty ? "\n" : " — \(shapes)\n"
            }
            out += "  documents    \(c.documents) from \(c.summary.records) records"
            if c.summary.recordsWithoutDocuments > 0 {
                out += " (\(c.summary.recordsWithoutDocuments) records without a document)"
            }
            out += "\n"
            out += "  prompts      \(c.documentsWithPrompt) (\(percent(c.documentsWithPrompt, c.documents)))\n"
            out += "  ids          \(c.documentsWithID) (\(percent(c.documentsWithID, c.documents)))\n"
            out +=
                "  tokens       \(c.tokens) (mean \(String(format: "%.1f", c.meanTokens)), min \(c.minTokens), max \(c.maxTokens))\n"
            if c.emptyDocuments > 0 { out += "  empty        \(c.emptyDocuments) documents with no tokens\n" }
            let input = c.summary.files.reduce(0) { $0 + $1.inputBytes }
            let decoded = c.summary.files.reduce(0) { $0 + $1.decodedBytes }
            out += "  bytes        \(input) read, \(decoded) decoded, \(c.textBytes) of text\n"
            let models = c.models.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\(DistillError.excerpt($0.key, limit: 40)) \($0.value)" }.joined(separator: ", ")
            out += "  models       \(models.isEmpty ? "-" : models)\n"
            if let p = c.pairing {
                out +=
                    "  pairs        \(p.pairs) with corpus \(p.against + 1) by \(p.method) (by id \(p.byID), by prompt \(p.byPrompt))\n"
            }
            if c.summary.repairedSurrogates > 0 {
                out += "  repaired     \(c.summary.repairedSurrogates) lone surrogate escapes replaced by U+FFFD\n"
            }
            let skipped = c.summary.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            out += "  skipped      \(c.summary.skippedTotal)\(skipped.isEmpty ? "" : " (\(skipped))")\n"
            for e in c.summary.skippedExamples { out += "    \(e.reason)\n" }
            if c.summary.skippedTotal > c.summary.skippedExamples.count {
                out += "    … and \(c.summary.skippedTotal - c.summary.skippedExamples.count) more\n"
            }
        }
        return out
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }
}
