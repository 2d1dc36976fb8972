import DistillCore
import Foundation
import GRDB

/// The store as a ``ReferenceSource`` for scoring: references sorted by name, each read when asked.
public struct StoreReferenceSource: ReferenceSource {
    public let store: FingerprintStore
    public let options: ScoringOptions
    public let references: [ReferenceInfo]
    let ids: [Int64]
    /// Probe texts decoded once: several scorers read them.
    let cache = DecodedCache()
    /// Whether blobs carry checksums to check (schema v2).
    let checksums: Bool
    /// How the store's n-gram key partitions are encoded.
    let keyEncoding: KeyPartitionEncoding
    /// Whether each reference keeps word streams (format 3) instead of key partitions.
    let hasWords: [Bool]

    /// Values decoded from the store, kept for the source's life (one scoring run).
    final class DecodedCache: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Any] = [:]

        /// The value under `key`, made by `make` the first time (outside the lock: two threads asking
        /// at once may both decode; both get an equal value).
        func value<T>(_ key: String, _ make: () throws -> T) rethrows -> T {
            // Unwrap the dictionary's optional before casting: `nil as? T` succeeds when T is optional.
            if let stored = lock.withLock({ values[key] }), let hit = stored as? T { return hit }
            let made = try make()
            lock.withLock { values[key] = made }
            return made
        }
    }

    /// - Throws: ``StoreError`` when the store holds no options yet (no reference) or cannot be read.
    /// Opens the store at `path` read-only for scoring, failing closed when nothing could be
    /// concluded from it.
    /// - Throws: ``StoreError/tooFewReferences(path:count:)`` when it holds fewer than two references
    ///   (no result would mean anything: not "no parent"), ``StoreError/nothingTestable(path:)`` when no
    ///   candidate has a reference of another family, and the store's own errors (missing, damaged).
    public static func openForScoring(path: String) throws -> StoreReferenceSource {
        let source = try StoreReferenceSource(store: try FingerprintStore(path: path, create: false, readOnly: true))
        if source.references.count < 2 {
            throw StoreError.tooFewReferences(path: path, count: source.references.count)
        }
        if source.references.testableCandidates.isEmpty { throw StoreError.nothingTestable(path: path) }
        return source
    }

    public init(store: FingerprintStore) throws {
        self.store = store
        self.options = try store.scoringOptions() ?? ScoringOptions()
        let checksums = store.hasChecksums
        let rows = try store.wrap("read") {
            try store.writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.id, r.name, r.description, r.documentCount, r.optionsHash,
                            a.data AS metadata\(checksums ? ", a.checksum AS metadataChecksum" : "")
                        FROM reference r LEFT JOIN artifact a ON a.referenceId = r.id AND a.kind = ?
                        ORDER BY r.name
                        """, arguments: [ArtifactKind.referenceMetadata])
            }
        }
        let path = store.path
        self.checksums = checksums
        self.keyEncoding = store.keyEncoding
        for row in rows {
            let name: String = try row.checked("name", table: "reference", path: path)
            // A reference fingerprinted with other options would be compared key for key with the
            // wrong keys: refuse the store rather than score against it.
            if try row.checkedIfPresent("optionsHash", table: "reference", path: path) != options.optionsHash {
                throw StoreError.corrupt(
                    path: path,
                    detail: "reference \(quoted(name)) was fingerprinted with other options than the store's "
                        + "(options hash differs); run `index verify`")
            }
            if checksums, let metadata = try row.checkedIfPresent("metadata", table: "artifact", path: path) as Data?,
                try row.checkedIfPresent("metadataChecksum", table: "artifact", path: path)
                    != Int64(Checksum.crc32(metadata))
            {
                throw StoreError.corrupt(
                    path: path,
                    detail: "the family and role of reference \(quoted(name)) are damaged (checksum mismatch); "
                        + "re-add the reference or restore the store")
            }
        }
        let ids: [Int64] = try rows.map { try $0.checked("id", table: "reference", path: path) }
        self.ids = ids
        let withWords = try store.wrap("read") {
            try store.writer.read { db in
                Set(
                    try Int64.fetchAll(
                        db, sql: "SELECT referenceId FROM artifact WHERE kind = ?", arguments: [ArtifactKind.ngramWords]
                    ))
            }
        }
        self.hasWords = ids.map(withWords.contains)
        self.references = try rows.map {
            let name: String = try $0.checked("name", table: "reference", path: path)
            let metadata =
                try (try $0.checkedIfPresent("metadata", table: "artifact", path: path) as Data?).map {
                    try FingerprintStore.decodeMetadata($0, reference: name, path: store.path)
                } ?? ReferenceMetadata(family: name)
            return ReferenceInfo(
                name: name, description: try $0.checked("description", table: "reference", path: path),
                documentCount: try $0.count("documentCount", table: "reference", path: path),
                family: metadata.family, role: metadata.role)
        }
    }

    func corrupt(_ r: Int, _ what: String) -> StoreError {
        StoreError.corrupt(
            path: store.path, detail: "\(what) of reference \(quoted(references[r].name)) does not decode")
    }

    public func ngramPartitions(reference r: Int, widthIndex: Int) throws -> [[UInt64]] {
        try ngramKeyPartitions(reference: r, widthIndex: widthIndex).all()
    }

    /// A format-3 reference's word streams (checksum checked, header and block table parsed; blocks are
    /// decoded by the threads that hash them), or nil for a reference that keeps key partitions.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when they do not decode or hold another number of
    ///   documents than the reference.
    public func ngramWords(reference r: Int) throws -> ReferenceWords? {
        guard hasWords[r] else { return nil }
        guard let blob = try streamedArtifact(r, ArtifactKind.ngramWords), var words = ReferenceWords(decoding: blob),
            words.documentCount == references[r].documentCount
        else { throw corrupt(r, "the word streams") }
        words.damage = corrupt(r, "the word streams")
        return words
    }

    /// The stored partitions of one width, each read (checksum checked) and decoded by the reader that
    /// joins it: a scorer holds one partition's blob per thread, not the reference's set (~64 MB a
    /// width for a 100,000-document reference), and the reads and checksums run on the joining threads.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when the width does not have exactly its 256
    ///   partitions (here), or a partition is damaged (when it is read).
    /// A format-3 reference's keys are made from its word streams (every document hashed and sorted).
    public func ngramKeyPartitions(reference r: Int, widthIndex: Int) throws -> KeyPartitions {
        let width = options.widths[widthIndex]
        if let words = try ngramWords(reference: r) {
            guard let documents = words.documents() else { throw corrupt(r, "the word streams") }
            return KeyPartitions(
                decoded: NGramKeySet(
                    documents: documents, n: width, threads: ProcessInfo.processInfo.activeProcessorCount
                ).partitions)
        }
        let (rows, valid) = try store.wrap("read") {
            try store.writer.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS n, COUNT(DISTINCT partition) AS d,
                            SUM(typeof(partition) = 'integer' AND partition BETWEEN 0 AND 255) AS v
                        FROM ngram_chunk WHERE referenceId = ? AND width = ?
                        """,
                    arguments: [ids[r], width])
                return (row?["n"] as Int? ?? 0, min(row?["d"] as Int? ?? 0, row?["v"] as Int? ?? 0))
            }
        }
        guard rows == NGramKeySet.partitionCount, valid == NGramKeySet.partitionCount else {
            throw corrupt(r, "the \(width)-gram set")
        }
        let source = self
        let id = ids[r]
        return KeyPartitions(
            loader: { p in
                let row = try source.store.wrap("read") {
                    try source.store.writer.read { db in
                        try Row.fetchOne(
                            db,
                            sql:
                                "SELECT data\(source.checksums ? ", checksum" : "") FROM ngram_chunk WHERE referenceId = ? AND width = ? AND partition = ?",
                            arguments: [id, width, p])
                    }
                }
                guard let row else { throw source.corrupt(r, "the \(width)-gram set") }
                return try source.checkedBlob(row, table: "ngram_chunk", r: r, what: "the \(width)-gram set")
            }, encoding: keyEncoding, damage: corrupt(r, "the \(width)-gram set"))
    }

    public func commonPartitions(reference r: Int, widthIndex: Int) throws -> [[UInt64]] {
        guard let blob = try artifact(r, ArtifactKind.commonNGrams), let sets = StoreCodec.decodeCommon(blob),
            let set = sets.first(where: { $0.n == options.widths[widthIndex] })
        else { throw corrupt(r, "the common n-grams") }
        return set.partitions
    }

    /// Read a chunk at a time (one chunk's blob held next to the signatures, not all of them).
    public func signatures(reference r: Int) throws -> [UInt32] {
        var out: [UInt32] = []
        // Room for what the reference row announces, bounded (a damaged row is caught below, not here).
        let announced = references[r].documentCount.multipliedReportingOverflow(by: options.permutations)
        out.reserveCapacity(announced.overflow ? 0 : min(max(0, announced.partialValue), 1 << 28))
        try store.wrap("read") {
            try store.writer.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT typeof(data) AS type, data\(checksums ? ", checksum" : "") FROM signature_chunk "
                        + "WHERE referenceId = ? ORDER BY chunk",
                    arguments: [ids[r]])
                while let row = try rows.next() {
                    let c = try checkedBlobInPlace(row, table: "signature_chunk", r: r, what: "the signatures")
                    guard c.count % 4 == 0 else { throw corrupt(r, "the signatures") }
                    StoreCodec.appendUInt32s(c, to: &out)
                }
            }
        }
        guard out.count == references[r].documentCount * options.permutations else {
            throw corrupt(r, "the signatures")
        }
        return out
    }

    /// Decoded on every call, not kept: the n-gram windows (7 MB a reference) are read by one scorer
    /// one width at a time, and the other scorers take only the signatures.
    public func probes(reference r: Int) throws -> ProbeSample {
        try decodeProbes(r)
    }

    func decodeProbes(_ r: Int) throws -> ProbeSample {
        guard let blob = try artifact(r, ArtifactKind.probes), let probes = StoreCodec.decodeProbes(blob) else {
            throw corrupt(r, "the probe documents")
        }
        return probes
    }

    public func documentIDs(reference r: Int) throws -> [String] {
        guard let blob = try artifact(r, ArtifactKind.documentIDs),
            let ids = try? JSONDecoder().decode([String].self, from: blob)
        else { throw corrupt(r, "the document ids") }
        return ids
    }

    /// The ids at `indices`, read from the stored JSON array without decoding the others: the array is
    /// scanned (every string and separator checked), and only the wanted strings are made; one with an
    /// escape is decoded by `JSONDecoder`.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when the array is malformed or too short.
    /// - Complexity: O(bytes of the array) + O(*k*) for *k* indices.
    public func documentIDs(reference r: Int, at indices: [Int]) throws -> [String] {
        if indices.isEmpty { return [] }
        guard let blob = try artifact(r, ArtifactKind.documentIDs) else { throw corrupt(r, "the document ids") }
        let wanted = Set(indices)
        var found: [Int: String] = [:]
        let complete: Bool = blob.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            func skipSpace() { while i < bytes.count && [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
            i += 1
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == bytes.count
            }
            var k = 0
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return false }
                let start = i + 1
                var escaped = false
                i = start
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") {
                        escaped = true
                        i += 1
                    } else if bytes[i] < 0x20 {
                        return false
                    }
                    i += 1
                }
                guard i < bytes.count else { return false }
                if wanted.contains(k) {
                    let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    if escaped {
                        // The string with its quotes, as a one-element array.
                        let json = Data([UInt8(ascii: "[")] + bytes[(start - 1)...i] + [UInt8(ascii: "]")])
                        guard let one = try? JSONDecoder().decode([String].self, from: json), one.count == 1
                        else { return false }
                        found[k] = one[0]
                    } else {
                        // Invalid UTF-8 is damage, as JSONDecoder would say.
                        guard let id = String(validating: text, as: UTF8.self) else { return false }
                        found[k] = id
                    }
                }
                i += 1
                k += 1
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    skipSpace()
                    return i == bytes.count
                }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        }
        guard complete else { throw corrupt(r, "the document ids") }
        return try indices.map { k in
            guard let id = found[k] else { throw corrupt(r, "the document ids") }
            return id
        }
    }

    /// A JSON artifact of `kind` decoded as `T`, nil when the reference has none.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` naming `what` when it does not decode.
    func jsonArtifact<T: Decodable>(_ r: Int, _ kind: String, _ type: T.Type, what: String) throws -> T? {
        guard let blob = try artifact(r, kind) else { return nil }
        guard let value = try? JSONDecoder().decode(T.self, from: blob) else { throw corrupt(r, what) }
        return value
    }

    public func probeDocuments(reference r: Int) throws -> [ProbeDocument]? {
        try cache.value("probeDocuments/\(r)") {
            try jsonArtifact(r, ArtifactKind.probeDocuments, [ProbeDocument].self, what: "the probe texts")
        }
    }

    public func pairingKeys(reference r: Int) throws -> PairingKeys? {
        guard let blob = try artifact(r, ArtifactKind.pairingKeys) else { return nil }
        guard let keys = PairingKeys(encoded: [UInt8](blob)), keys.count == references[r].documentCount else {
            throw corrupt(r, "the pairing keys")
        }
        return keys
    }

    public func identity(reference r: Int) throws -> ReferenceIdentity? {
        try jsonArtifact(r, ArtifactKind.identityStatistics, ReferenceIdentity.self, what: "the identity statistics")
    }

    public func watermark(reference r: Int) throws -> WatermarkConfigRecord? {
        try jsonArtifact(
            r, ArtifactKind.watermarkConfig, WatermarkConfigRecord.self, what: "the watermark configuration")
    }

    public func style(reference r: Int) throws -> StyleSummary? {
        try jsonArtifact(r, ArtifactKind.styleProfile, StyleSummary.self, what: "the style profile")
    }

    /// The blob of `kind`, nil when the reference has none.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when its checksum does not match or its version
    ///   is not one this build reads.
    func artifact(_ r: Int, _ kind: String) throws -> Data? {
        try store.wrap("read") {
            try store.writer.read { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT data, version\(checksums ? ", checksum" : "") FROM artifact WHERE referenceId = ? AND kind = ?",
                        arguments: [ids[r], kind])
                else { return nil }
                try checkVersion(row, r, kind)
                return try checkedBlob(row, table: "artifact", r: r, what: "the \(kind) artifact")
            }
        }
    }

    /// Throws when an artifact row's version is not one this build reads for `kind`.
    func checkVersion(_ row: Row, _ r: Int, _ kind: String) throws {
        let version: Int64? = try row.checkedIfPresent("version", table: "artifact", path: store.path)
        if let known = ArtifactKind.knownVersions[kind], !known.contains(version ?? -1) {
            throw corrupt(r, "the \(kind) artifact (version \(version.map(String.init) ?? "none"))")
        }
    }

    /// The error for a blob whose checksum does not match.
    func checksumMismatch(_ r: Int, what: String) -> StoreError {
        StoreError.corrupt(
            path: store.path,
            detail: "\(what) of reference \(quoted(references[r].name)) is damaged (checksum mismatch); "
                + "re-add the reference or restore the store")
    }

    /// ``checkedBlob(_:table:r:what:)`` without copying the bytes out of SQLite: valid only while `row`
    /// is (a cursor's current row), and the query must also select `typeof(data) AS type`.
    func checkedBlobInPlace(_ row: Row, table: String, r: Int, what: String) throws -> Data {
        // `dataNoCopy` traps on a number: the type is checked first.
        let type: String? = try row.checkedIfPresent("type", table: table, path: store.path)
        guard type == "blob", let data = row.dataNoCopy(named: "data") else {
            throw StoreError.corrupt(path: store.path, detail: "\(table).data holds a value of the wrong type")
        }
        try checkChecksum(row, data, table: table, r: r, what: what)
        return data
    }

    /// The `data` of a row, its checksum checked when the store has checksums.
    func checkedBlob(_ row: Row, table: String, r: Int, what: String) throws -> Data {
        let data: Data = try row.checked("data", table: table, path: store.path)
        try checkChecksum(row, data, table: table, r: r, what: what)
        return data
    }

    private func checkChecksum(_ row: Row, _ data: Data, table: String, r: Int, what: String) throws {
        if checksums {
            let stored: Int64? = try row.checkedIfPresent("checksum", table: table, path: store.path)
            if stored != Int64(Checksum.crc32(data)) { throw checksumMismatch(r, what: what) }
        }
    }
}
