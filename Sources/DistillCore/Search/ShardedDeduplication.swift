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
    /// Sorted unique shingle hashes, for exact-Jaccard verification (nil in a line written without
    /// them, which `merge` cannot verify and refuses).
    public var shingles: [String]?
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

    /// The reading, fingerprinting and banding settings of both fingerprint paths.
    static func settings(_ options: Deduplication.Options, shingles: Bool) -> (
        CorpusOptions, FingerprintOptions, LSHParameters
    ) {
        var corpusOptions = options.corpus
        corpusOptions.threads = options.threads
        var fo = options.fingerprint
        fo.keepWordIDs = false
        fo.keepText = false
        fo.keepShingleSets = shingles
        fo.computeSignatures = true
        let params =
            options.lsh ?? LSHParameters.optimal(threshold: options.threshold, permutations: fo.permutations)
        return (corpusOptions, fo, params)
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
        let (corpusOptions, fo, params) = settings(options, shingles: true)
        let corpus = try CorpusFingerprinter.fingerprint(paths: paths, corpusOptions: corpusOptions, options: fo)
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
            guard let shingles = r.shingles else {
                throw DistillError.malformedRecord(
                    item.location,
                    reason: "the record has no shingle hashes (written without them), so pairs cannot be verified")
            }
            var hashes: [UInt64] = []
            hashes.reserveCapacity(shingles.count)
            for s in shingles {
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

extension ShardedDeduplication {
    /// One document's fingerprint line without its corpus index, built on a reader's worker thread:
    /// `head` ends with `"index":`, `tail` holds the rest of the line and its newline.
    struct EncodedLine: Sendable {
        var head: [UInt8]
        var tail: [UInt8]
    }

    /// Reads `paths` and hands the shard's fingerprint lines to `write` in corpus order, about a
    /// megabyte at a time, as the reader yields the documents: memory holds the batches in flight,
    /// not the corpus. Each line is the JSON of the document's ``FingerprintRecord`` with sorted keys
    /// and unescaped slashes (what `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`),
    /// built by hand on the worker threads, then a newline.
    ///
    /// Every document is fingerprinted (a worker does not know a document's corpus index); only the
    /// shard's lines are written. With `shingles` false the lines have no `shingles` key (a fifth of
    /// the bytes, for a first pass that only groups band keys and compares signatures; the signature
    /// is the same, since a multiset and its set have one MinHash signature).
    /// - Throws: ``DistillError`` for unreadable or malformed input, and what `write` throws.
    /// - Complexity: one pass over the input, as ``fingerprint(paths:options:shard:)``; memory
    ///   O(batch size) instead of O(corpus).
    @discardableResult
    public static func writeFingerprints(
        paths: [String], options: Deduplication.Options, shard: Shard = .whole,
        shingles: Bool = true, progress: ((ReadProgress) -> Void)? = nil, write: ([UInt8]) throws -> Void
    ) throws -> CorpusSummary {
        let (corpusOptions, fo, params) = settings(options, shingles: shingles)
        let withShingles = shingles
        let base = CorpusFingerprinter.worker(
            options: fo, hasher: try MinHasher(permutations: fo.permutations, seed: fo.seed))
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        let shingleWidth = fo.shingleWidth
        let seed = fo.seed
        let worker: @Sendable () -> (TextView) -> EncodedLine = {
            let fingerprint = base()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return { view in
                let item = fingerprint(view)
                var head: [UInt8] = []
                head.reserveCapacity(32 + 19 * params.bands + view.id.utf8.count)
                head.append(contentsOf: #"{"bands":["#.utf8)
                for (i, key) in bandKeys(item.signature, parameters: params).enumerated() {
                    if i > 0 { head.append(UInt8(ascii: ",")) }
                    appendQuotedHex(key, to: &head)
                }
                head.append(contentsOf: #"],"id":"#.utf8)
                // Encoding a string cannot fail; the encoder gives JSONEncoder's own escaping.
                head.append(contentsOf: (try? encoder.encode(item.document.id)) ?? Data(#""""#.utf8))
                head.append(contentsOf: #","index":"#.utf8)
                var tail: [UInt8] = []
                tail.reserveCapacity(64 + 19 * item.shingles.count + 11 * item.signature.count)
                tail.append(contentsOf: #","seed":"#.utf8)
                appendDecimal(seed, to: &tail)
                tail.append(contentsOf: #","shingleWidth":"#.utf8)
                appendDecimal(UInt64(shingleWidth), to: &tail)
                if withShingles {
                    tail.append(contentsOf: #","shingles":["#.utf8)
                    for (i, h) in item.shingles.hashes.enumerated() {
                        if i > 0 { tail.append(UInt8(ascii: ",")) }
                        appendQuotedHex(h, to: &tail)
                    }
                    tail.append(UInt8(ascii: "]"))
                }
                tail.append(contentsOf: #","signature":["#.utf8)
                for (i, v) in item.signature.enumerated() {
                    if i > 0 { tail.append(UInt8(ascii: ",")) }
                    appendDecimal(UInt64(v), to: &tail)
                }
                tail.append(contentsOf: "]}\n".utf8)
                return EncodedLine(head: head, tail: tail)
            }
        }
        var index = 0
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        let summary = try reader.readTexts(
            worker: worker,
            consume: { (lines: [EncodedLine]) in
                for line in lines {
                    defer { index += 1 }
                    guard index % shard.count == shard.index else { continue }
                    out.append(contentsOf: line.head)
                    appendDecimal(UInt64(index), to: &out)
                    out.append(contentsOf: line.tail)
                    if out.count >= 1 << 20 {
                        try write(out)
                        out.removeAll(keepingCapacity: true)
                    }
                }
            }, progress: progress)
        if !out.isEmpty { try write(out) }
        return summary
    }

    /// Appends `"` + the 16 lower-case hex digits of `v` + `"` (``hex(_:)`` without a String), through
    /// a stack buffer: one append per value.
    static func appendQuotedHex(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            buffer[17] = UInt8(ascii: "\"")
            for i in 0..<16 {
                let d = UInt8(truncatingIfNeeded: v >> UInt64(60 - 4 * i)) & 15
                buffer[1 + i] = d < 10 ? 48 + d : 87 + d
            }
            out.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Appends the decimal digits of `v`, through a stack buffer: one append per value (this runs for
    /// every signature value).
    static func appendDecimal(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var x = v
            var i = 20
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(x % 10)
                x /= 10
            } while x > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
        }
    }
}
