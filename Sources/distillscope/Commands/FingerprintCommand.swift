import ArgumentParser
import DistillCore
import DistillReport
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

    @Argument(help: "The corpus (files, directories or -; default -).")
    var paths: [String] = ["-"]

    @Option(help: "Jaccard threshold the band keys are chosen for (as dedup).")
    var threshold: Double = 0.8

    @Option(help: "LSH bands (default: chosen for the threshold).")
    var bands: Int?

    @Option(help: "LSH rows per band (with --bands).")
    var rows: Int?

    @Option(help: "Shard i/N: only documents whose index is i modulo N (0 ≤ i < N).")
    var shard: String = "0/1"

    func parsedShard() throws -> ShardedDeduplication.Shard {
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw ValidationError("--shard must be i/N with 0 ≤ i < N, got \(shard)")
        }
        return ShardedDeduplication.Shard(index: i, count: n)
    }

    func validate() throws {
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if (bands == nil) != (rows == nil) { throw ValidationError("--bands and --rows go together") }
        if let bands, let rows, bands < 1 || rows < 1 || bands * rows > fingerprint.permutations {
            throw ValidationError("--bands × --rows must be between 1 and --permutations")
        }
        _ = try parsedShard()
    }

    func run() throws {
        let options = Deduplication.Options(
            corpus: corpus.options(threads: global.threadCount),
            fingerprint: fingerprint.options(keepWordIDs: false, keepText: false), threshold: threshold,
            lsh: bands.flatMap { b in rows.map { LSHParameters(bands: b, rows: $0) } }, threads: global.threadCount)
        let records = try ShardedDeduplication.fingerprint(paths: paths, options: options, shard: try parsedShard())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for r in records {
            // The bytes JSONEncoder (sorted keys, compact) writes for the record, built by hand:
            // Foundation's encoder of the hex arrays was 25x slower than the fingerprinting.
            var line = "{\"bands\":[" + r.bands.map { "\"" + $0 + "\"" }.joined(separator: ",") + "],\"id\":"
            line += String(decoding: try encoder.encode(r.id), as: UTF8.self)
            line += ",\"index\":\(r.index),\"seed\":\(r.seed),\"shingleWidth\":\(r.shingleWidth),\"shingles\":["
            line += r.shingles.map { "\"" + $0 + "\"" }.joined(separator: ",") + "],\"signature\":["
            line += r.signature.map { String($0) }.joined(separator: ",") + "]}\n"
            out.append(contentsOf: line.utf8)
            if out.count > 1 << 20 {
                FileHandle.standardOutput.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(out)
    }
}

/// `distillscope merge FILE...`: dedup's pairs and clusters from `fingerprint` lines of all shards.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge fingerprint lines of all shards into dedup's pairs and clusters (JSON).",
        discussion: """
            Writes the projection of dedup's JSON report that depends only on the documents (all but \
            schemaVersion, command, paths and summary), byte-identical to that of a single-process dedup.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Fingerprint files (JSON lines, any order; - for standard input; default -).")
    var paths: [String] = ["-"]

    @Option(help: "Jaccard similarity at or above which two documents are near-duplicates.")
    var threshold: Double = 0.8

    @Option(help: "LSH bands (default: chosen for the threshold).")
    var bands: Int?

    @Option(help: "LSH rows per band (with --bands).")
    var rows: Int?

    @Option(help: "Write the JSON to FILE (default: standard output).")
    var json: String = "-"

    func validate() throws {
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if (bands == nil) != (rows == nil) { throw ValidationError("--bands and --rows go together") }
    }

    func run() throws {
        var records: [(record: FingerprintRecord, location: InputLocation)] = []
        let decoder = JSONDecoder()
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard FileManager.default.fileExists(atPath: path) else { throw DistillError.missingPath(path) }
                do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                    throw DistillError.unreadable(path: path, reason: error.localizedDescription)
                }
            }
            var line = 0
            for slice in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                line += 1
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                let location = InputLocation(path: name, line: line)
                do {
                    records.append((try decoder.decode(FingerprintRecord.self, from: Data(slice)), location))
                } catch {
                    throw DistillError.malformedRecord(location, reason: "not a fingerprint record")
                }
            }
        }
        let lsh = bands.flatMap { b in rows.map { LSHParameters(bands: b, rows: $0) } }
        let result = try ShardedDeduplication.merge(
            records, threshold: threshold, lsh: lsh, threads: global.threadCount)
        let first = records.first?.record
        let options = Deduplication.Options(
            fingerprint: FingerprintOptions(
                shingleWidth: first?.shingleWidth ?? 5,
                permutations: first?.signature.count ?? MinHasher.defaultPermutations,
                seed: first?.seed ?? MinHasher.defaultSeed),
            threshold: threshold, lsh: lsh, threads: global.threadCount)
        try JSONOutput.write(DedupReport(result, paths: paths, options: options).projection, to: json)
    }
}
