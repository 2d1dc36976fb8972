import DistillCore
import DistillReport
import DistillTestSupport
import Foundation
import Testing

/// `fingerprint` shards then `merge` give byte for byte the document-only projection of `dedup`.
@Suite struct ShardedDedupTests {
    /// 400 documents of 60 words over 3,000 words; 40 of them near-copies (1 word changed, Jaccard
    /// about 0.84) of the first 15, most copied twice or more, so clusters have two or more members.
    static func corpus() throws -> String {
        var rng = RepeatableRandomNumberGenerator(seed: 16)
        var docs: [[String]] = []
        for n in 0..<400 {
            if n >= 20 && n % 10 == 0 {
                var copy = docs[(n / 10) % 15]
                for _ in 0..<1 { copy[Int(rng.next() % UInt64(copy.count))] = "edit\(rng.next() % 100)" }
                docs.append(copy)
            } else {
                docs.append((0..<60).map { _ in "w\(rng.next() % 3000)" })
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sharded-dedup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("corpus.jsonl").path
        let lines = docs.enumerated().map {
            "{\"id\":\"d\($0.offset)\",\"text\":\"\($0.element.joined(separator: " "))\"}"
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [1, 2]) func threeShardsMergeToDedup(threads: Int) throws {
        let path = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let options = Deduplication.Options(
            fingerprint: FingerprintOptions(keepWordIDs: false, keepText: false), threshold: 0.7, threads: threads)
        let single = DedupReport(
            try Deduplication.run(paths: [path], options: options), paths: [path], options: options)
        #expect(single.clusters.count >= 10)
        #expect(single.pairs.allSatisfy { $0.jaccard >= 0.7 })
        #expect(single.clusters.contains { $0.documents.count > 2 })

        // Shards in scrambled order, records round-tripped through their JSON lines.
        var records: [(record: FingerprintRecord, location: InputLocation)] = []
        for shard in [2, 0, 1] {
            for r in try ShardedDeduplication.fingerprint(
                paths: [path], options: options, shard: .init(index: shard, count: 3))
            {
                #expect(r.index % 3 == shard)
                let line = try JSONEncoder().encode(r)
                records.append((try JSONDecoder().decode(FingerprintRecord.self, from: line), InputLocation(path: "s")))
            }
        }
        #expect(records.count == 400)
        let merged = try ShardedDeduplication.merge(records, threshold: 0.7, lsh: nil, threads: threads)
        let mergedReport = DedupReport(merged, paths: [], options: options)
        #expect(try ReportJSON.encode(mergedReport.projection) == ReportJSON.encode(single.projection))
    }

    /// The streamed lines of `fingerprint` are, byte for byte, JSONEncoder's sorted-key encoding of the
    /// records ``ShardedDeduplication/fingerprint(paths:options:shard:)`` returns, for every shard and
    /// thread count, ids with quotes, slashes, control characters and non-ASCII included.
    @Test func streamedLinesAreTheRecordsJSON() throws {
        let path = try Self.corpus()
        let directory = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let odd = directory + "/odd.jsonl"
        let ids = [#"a\"b"#, "x/y", #"tab\there"#, "naïve 名前", #"ctl\u0001"#, ""]
        try ids.enumerated().map { #"{"id":"\#($0.element)","text":"short text \#($0.offset) with words"}"# }
            .joined(separator: "\n").write(toFile: odd, atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in [path, odd] {
            for threads in [1, 2] {
                let options = Deduplication.Options(
                    fingerprint: FingerprintOptions(keepWordIDs: false, keepText: false), threshold: 0.7,
                    threads: threads)
                for shard in [ShardedDeduplication.Shard.whole, .init(index: 1, count: 3)] {
                    var streamed: [UInt8] = []
                    try ShardedDeduplication.writeFingerprints(paths: [file], options: options, shard: shard) {
                        streamed += $0
                    }
                    var expected: [UInt8] = []
                    for r in try ShardedDeduplication.fingerprint(paths: [file], options: options, shard: shard) {
                        expected += try encoder.encode(r)
                        expected.append(0x0A)
                    }
                    #expect(!expected.isEmpty)
                    #expect(streamed == expected, "\(file) threads \(threads) shard \(shard.index)/\(shard.count)")
                }
            }
        }
    }

    /// Lines written without shingles carry the same index, id, bands and signature, no `shingles`
    /// key, and `merge` refuses them (it could not verify a pair).
    @Test func linesWithoutShinglesKeepTheRestAndCannotBeMerged() throws {
        let path = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let options = Deduplication.Options(
            fingerprint: FingerprintOptions(keepWordIDs: false, keepText: false), threshold: 0.7, threads: 2)
        var bytes: [UInt8] = []
        try ShardedDeduplication.writeFingerprints(paths: [path], options: options, shingles: false) { bytes += $0 }
        let lines = bytes.split(separator: 0x0A)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("shingles\""))
        let full = try ShardedDeduplication.fingerprint(paths: [path], options: options)
        #expect(lines.count == full.count)
        var records: [(record: FingerprintRecord, location: InputLocation)] = []
        for (line, expected) in zip(lines, full) {
            let record = try JSONDecoder().decode(FingerprintRecord.self, from: Data(line))
            var without = expected
            without.shingles = nil
            #expect(record == without)
            records.append((record, InputLocation(path: "f.jsonl", line: record.index + 1)))
        }
        #expect(throws: DistillError.self) {
            try ShardedDeduplication.merge(records, threshold: 0.7, lsh: nil, threads: 1)
        }
    }

    @Test func missingAndRepeatedRecordsAreErrors() throws {
        let path = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let options = Deduplication.Options(fingerprint: FingerprintOptions(keepWordIDs: false, keepText: false))
        let all = try ShardedDeduplication.fingerprint(paths: [path], options: options).enumerated().map {
            (record: $0.element, location: InputLocation(path: "f.jsonl", line: $0.offset + 1))
        }
        #expect(throws: DistillError.self) {
            try ShardedDeduplication.merge(Array(all.dropFirst(5)), threshold: 0.8, lsh: nil, threads: 1)
        }
        #expect(throws: DistillError.self) {
            try ShardedDeduplication.merge(all + [all[7]], threshold: 0.8, lsh: nil, threads: 1)
        }
    }
}
