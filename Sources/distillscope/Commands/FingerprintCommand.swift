import ArgumentParser
import DistillCore
import Foundation

/// `distillscope fingerprint CORPUS`: one JSON fingerprint line per document, for `merge`.
struct FingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Write one JSON fingerprint line per document (MinHash, LSH band keys, shingles) for merge.",
        discussion: """
            With --shard i/N only documents whose corpus index is i modulo N are written; every shard \
            reads the same input. `distillscope merge` of all shards' lines gives dedup's pairs and clusters.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var fingerprint: FingerprintArguments
    @OptionGroup var lsh: LSHArguments

    @Argument(help: "The corpus (files, directories or -; default -).")
    var paths: [String] = ["-"]

    @Option(help: "Shard i/N: only documents whose index is i modulo N (0 ≤ i < N).")
    var shard: String = "0/1"

    @Flag(help: "Leave out the shingle hashes (for a first pass that only groups band keys; merge needs them).")
    var withoutShingles = false

    func parsedShard() throws -> ShardedDeduplication.Shard {
        let (i, n) = try ShardArgument.parse(shard)
        return ShardedDeduplication.Shard(index: i, count: n)
    }

    func validate() throws {
        if let bands = lsh.bands, let rows = lsh.rows, bands < 1 || rows < 1 || bands * rows > fingerprint.permutations
        {
            throw ValidationError("--bands × --rows must be between 1 and --permutations")
        }
        _ = try parsedShard()
    }

    func run() throws {
        // fingerprint streams (a batch in memory, not the corpus): no --max-documents guard.
        var streaming = corpus.options(threads: global.threadCount)
        streaming.maxDocuments = .max
        let options = Deduplication.Options(
            corpus: streaming,
            fingerprint: fingerprint.options(keepWordIDs: false, keepText: false), threshold: lsh.threshold,
            lsh: lsh.parameters, threads: global.threadCount)
        try ShardedDeduplication.writeFingerprints(
            paths: paths, options: options, shard: try parsedShard(), shingles: !withoutShingles
        ) {
            FileHandle.standardOutput.write(Data($0))
        }
    }
}
