import Foundation

/// One document's fingerprint as `distillscope fingerprint` writes it (one JSON line each) and
/// `distillscope merge` reads it: everything `dedup` needs of the document, without its text.
///
/// 64-bit values (band keys, shingle hashes) are 16-digit lower-case hex strings, so tools whose
/// JSON numbers are doubles (Python's is not, JavaScript's is) read them exactly.
public struct FingerprintRecord: Sendable, Codable, Equatable {
    /// The document's position in the whole input (0-based, corpus order), the same in every shard.
    public var index: Int
    public var id: String
    /// MinHash signature (docs/overlap.md), `permutations` values.
    public var signature: [UInt32]
    /// LSH band keys, one per band (``LSHIndex`` band hash).
    public var bands: [String]
    /// Sorted unique shingle hashes, for exact-Jaccard verification.
    public var shingles: [String]
    public var shingleWidth: Int
    public var seed: UInt64
}

/// Dedup split in two: ``fingerprint(paths:options:shard:)`` per shard, then
/// ``merge(_:threshold:lsh:threads:)`` over all shards' records, with the same pairs and clusters as
/// ``Deduplication/run(paths:options:progress:)`` on the whole corpus.
public enum ShardedDeduplication {
    /// Which documents a shard takes: those whose corpus index is `index` modulo `count`.
    public struct Shard: Sendable, Hashable {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
        public static let whole = Shard(index: 0, count: 1)
    }

    /// The band keys of one signature, as ``LSHIndex`` computes them.
    /// - Complexity: O(*bands* × *rows*).
    public static func bandKeys(_ signature: [UInt32], parameters: LSHParameters) -> [UInt64] {
        signature.withUnsafeBufferPointer { sig in
            (0..<parameters.bands).map {
                LSHIndex.bandHash(
                    sig, document: 0, band: $0, rows: parameters.rows, permutations: signature.count)
            }
        }
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The records of the shard's documents, in corpus order.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: one pass over the input; memory holds the shard's signatures and shingle sets.
    public static func fingerprint(
        paths: [String], options: Deduplication.Options, shard: Shard = .whole
    ) throws -> [FingerprintRecord] {
        var corpusOptions = options.corpus
        corpusOptions.threads = options.threads
        var fo = options.fingerprint
        fo.keepWordIDs = false
        fo.keepText = false
        fo.keepShingleSets = true
        fo.computeSignatures = true
        let corpus = try CorpusFingerprinter.fingerprint(paths: paths, corpusOptions: corpusOptions, options: fo)
        let params =
            options.lsh ?? LSHParameters.optimal(threshold: options.threshold, permutations: fo.permutations)
        return stride(from: shard.index, to: corpus.count, by: shard.count).map { i in
            let sig = Array(corpus.signature(i))
            return FingerprintRecord(
                index: i, id: corpus.ids[i], signature: sig, bands: bandKeys(sig, parameters: params).map(hex),
                shingles: corpus.shingleSets[i].hashes.map(hex), shingleWidth: fo.shingleWidth, seed: fo.seed)
        }
    }

    /// Pairs and clusters of the documents in `records` (any order, each document once, indexes
    /// 0..<n all present), exactly as ``Deduplication/run(paths:options:progress:)`` finds them.
    /// - Throws: ``DistillError/malformedRecord(_:reason:)`` for a missing, repeated or inconsistent record.
    /// - Complexity: O(*n* log *n*) to order the records, then as ``NearDuplicateSearch/withinCorpus``.
    public static func merge(
        _ records: [(record: FingerprintRecord, location: InputLocation)], threshold: Double,
        lsh: LSHParameters?, threads: Int
    ) throws -> Deduplication.Result {
        let sorted = records.sorted { $0.record.index < $1.record.index }
        guard let first = sorted.first else {
            return Deduplication.Result(
                ids: [], pairs: [], clusters: [],
                statistics: NearDuplicateStatistics(
                    parameters: lsh ?? LSHParameters.optimal(threshold: threshold, permutations: 128),
                    threshold: threshold, candidates: 0, estimated: 0, verified: 0),
                summary: CorpusSummary())
        }
        let k = first.record.signature.count
        var ids: [String] = []
        var sets: [ShingleSet] = []
        var signatures: [UInt32] = []
        ids.reserveCapacity(sorted.count)
        signatures.reserveCapacity(sorted.count * k)
        for (n, item) in sorted.enumerated() {
            let r = item.record
            if r.index != n {
                let reason =
                    r.index < n
                    ? "document index \(r.index) appears twice" : "document index \(n) is missing (next is \(r.index))"
                throw DistillError.malformedRecord(item.location, reason: reason)
            }
            if r.signature.count != k || r.shingleWidth != first.record.shingleWidth || r.seed != first.record.seed {
                throw DistillError.malformedRecord(
                    item.location, reason: "fingerprint parameters differ from the first record's")
            }
            var hashes: [UInt64] = []
            hashes.reserveCapacity(r.shingles.count)
            for s in r.shingles {
                guard let v = UInt64(s, radix: 16) else {
                    throw DistillError.malformedRecord(item.location, reason: "shingle hash is not 64-bit hex")
                }
                if let last = hashes.last, last >= v {
                    throw DistillError.malformedRecord(
                        item.location, reason: "shingle hashes are not sorted and unique")
                }
                hashes.append(v)
            }
            ids.append(r.id)
            sets.append(ShingleSet(sortedUnique: hashes))
            signatures.append(contentsOf: r.signature)
        }
        let corpus = FingerprintedCorpus(
            ids: ids, documents: [], wordIDs: [], shingleSets: sets, signatures: signatures, permutations: k,
            summary: CorpusSummary())
        let (pairs, statistics) = try NearDuplicateSearch.withinCorpus(
            corpus, threshold: threshold, parameters: lsh, threads: threads)
        return Deduplication.Result(
            ids: ids, pairs: pairs, clusters: NearDuplicateSearch.clusters(pairs: pairs, count: ids.count),
            statistics: statistics, summary: CorpusSummary())
    }
}
