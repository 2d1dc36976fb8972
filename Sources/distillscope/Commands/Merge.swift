import ArgumentParser
import DistillCore
import DistillReport

/// `distillscope merge FILE...`: dedup's pairs and clusters from `fingerprint` lines of all shards.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge fingerprint lines of all shards into dedup's pairs and clusters (JSON).",
        discussion: """
            Writes the projection of dedup's JSON report that depends only on the documents (all but \
            schemaVersion, command, paths and summary), byte-identical to that of a single-process dedup.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lsh: LSHArguments

    @Argument(help: "Fingerprint files (JSON lines, any order; - for standard input; default -).")
    var paths: [String] = ["-"]

    @Option(help: "Write the JSON to FILE (default: standard output).")
    var json: String = "-"

    func run() throws {
        let records = try FingerprintLines.read(paths)
        let result = try ShardedDeduplication.merge(
            records, threshold: lsh.threshold, lsh: lsh.parameters, threads: global.threadCount)
        let first = records.first?.record
        let options = Deduplication.Options(
            fingerprint: FingerprintOptions(
                shingleWidth: first?.shingleWidth ?? 5,
                permutations: first?.signature.count ?? MinHasher.defaultPermutations,
                seed: first?.seed ?? MinHasher.defaultSeed),
            threshold: lsh.threshold, lsh: lsh.parameters, threads: global.threadCount)
        try JSONOutput.write(DedupReport(result, paths: paths, options: options).projection, to: json)
    }
}
