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
        let threads = global.threadCount
        let bar = global.makeProgress(label: "dedup")
        // Signatures only in memory; the shingle sets of the documents that still need exact
        // verification are computed in a second pass (standard input cannot be read twice, so it
        // keeps them all).
        let rereadable = !paths.contains("-")
        var options = fingerprint.options(keepWordIDs: false, keepText: false)
        options.keepShingleSets = !rereadable
        let corpusOptions = corpus.options(threads: threads)
        let fingerprints = try CorpusFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpusOptions, options: options,
            progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
        bar?.finish()
        let parameters = bands.flatMap { b in rows.map { LSHParameters(bands: b, rows: $0) } }
        let (pairs, statistics) = try NearDuplicateSearch.withinCorpus(
            fingerprints, threshold: threshold, parameters: parameters, threads: threads,
            shingleSets: { needed in
                try CorpusFingerprinter.shingleSets(
                    paths: paths, corpusOptions: corpusOptions, options: options, documents: needed)
            })
        let clusters = NearDuplicateSearch.clusters(pairs: pairs, count: fingerprints.count)
        let ids = fingerprints.ids
        let report = DedupReport(
            schemaVersion: ReportJSON.schemaVersion, command: "dedup", paths: paths, documents: fingerprints.count,
            threshold: threshold, shingleWidth: fingerprint.shingle, permutations: fingerprint.permutations,
            statistics: statistics,
            clusters: clusters.map { DedupReport.Cluster(documents: $0.map { ids[$0] }) },
            pairs: pairs.map { DedupReport.Pair(first: ids[$0.first], second: ids[$0.second], jaccard: $0.jaccard) },
            summary: fingerprints.summary)
        if let json { try JSONOutput.write(report, to: json) }
        if json != "-" { try Terminal.write(format(report)) }
    }

    private func format(_ r: DedupReport) -> String {
        let inClusters = r.clusters.reduce(0) { $0 + $1.documents.count }
        var out = "\(r.documents) documents; \(r.pairs.count) near-duplicate pairs (Jaccard ≥ \(r.threshold) of "
        out += "\(r.shingleWidth)-gram shingles) in \(r.clusters.count) clusters covering \(inClusters) documents\n"
        out +=
            "LSH \(r.statistics.parameters.bands) bands × \(r.statistics.parameters.rows) rows (k = \(r.permutations)): "
        out += "\(r.statistics.candidates) candidates, \(r.statistics.estimated) past the MinHash estimate, "
        out += "\(r.statistics.verified) verified\n"
        for (i, c) in r.clusters.prefix(show).enumerated() {
            let names = c.documents.prefix(8).map { DistillError.excerpt($0) }.joined(separator: ", ")
            out += "  cluster \(i + 1): \(c.documents.count) documents: \(names)\(c.documents.count > 8 ? ", …" : "")\n"
        }
        if r.clusters.count > show { out += "  … and \(r.clusters.count - show) more clusters (--show, --json)\n" }
        return out
    }
}

/// The JSON report of `dedup`.
struct DedupReport: Codable {
    struct Cluster: Codable {
        var documents: [String]
    }

    struct Pair: Codable {
        var first: String
        var second: String
        var jaccard: Double
    }

    var schemaVersion: Int
    var command: String
    var paths: [String]
    var documents: Int
    var threshold: Double
    var shingleWidth: Int
    var permutations: Int
    var statistics: NearDuplicateStatistics
    var clusters: [Cluster]
    var pairs: [Pair]
    var summary: CorpusSummary
}
