import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope dedup CORPUS`: near-duplicate clusters inside one corpus.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List near-duplicate clusters inside a corpus (MinHash LSH, verified by exact Jaccard).",
        discussion: """
            Every reported pair has exact Jaccard similarity of its word-shingle sets at or above the \
            threshold: candidates from LSH banding are verified, so precision is 1.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var fingerprint: FingerprintArguments

    @Argument(help: "The corpus (files, directories or -).")
    var paths: [String]

    @Option(help: "Jaccard similarity at or above which two documents are near-duplicates.")
    var threshold: Double = 0.8

    @Option(help: "LSH bands (default: chosen for the threshold).")
    var bands: Int?

    @Option(help: "LSH rows per band (with --bands).")
    var rows: Int?

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    @Option(help: "Clusters to print.")
    var show: Int = 20

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give a corpus path") }
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if (bands == nil) != (rows == nil) { throw ValidationError("--bands and --rows go together") }
        if let bands, let rows, bands < 1 || rows < 1 || bands * rows > fingerprint.permutations {
            throw ValidationError("--bands × --rows must be between 1 and --permutations")
        }
    }

    func run() throws {
        let bar = global.makeProgress(label: "dedup")
        let options = Deduplication.Options(
            corpus: corpus.options(threads: global.threadCount),
            fingerprint: fingerprint.options(keepWordIDs: false, keepText: false), threshold: threshold,
            lsh: bands.flatMap { b in rows.map { LSHParameters(bands: b, rows: $0) } }, threads: global.threadCount)
        let result = try Deduplication.run(
            paths: paths, options: options,
            progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
        bar?.finish()
        let report = DedupReport(result, paths: paths, options: options)
        if let json { try JSONOutput.write(report, to: json) }
        if json != "-" { try Terminal.write(DedupTextFormatter.format(report, show: show)) }
    }
}
