import DistillCore
import Foundation
import GRDB

/// A reference as the store lists it.
public struct StoredReference: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var source: String
    public var createdAt: String
    public var toolVersion: String
    public var optionsHash: String
    public var documentCount: Int
    public var tokenCount: Int
    /// The reference's family (its own name unless set).
    public var family: String
    public var role: ReferenceRole
}

/// How a store keeps a reference's n-grams.
public enum NGramStorage: String, Sendable, CaseIterable {
    /// The documents' word ids (``ReferenceWords``): about 1.6 bytes a token, half the size of the
    /// key partitions of two widths; scoring hashes the windows again (about 1.5 times the time).
    case wordStreams = "words"
    /// The distinct keys of every width (Elias–Fano partitions): about 3.2 bytes a key and width;
    /// scoring merge-joins them.
    case keyPartitions = "keys"
}

extension FingerprintStore {
    /// Signatures per `signature_chunk` row.
    static let signatureChunkDocuments = 65_536

    /// Adds a reference in one transaction: all of it, or (on any error or interruption) nothing.
    /// - Parameters:
    ///   - name: unique, 1–200 characters, no control characters.
    ///   - source: where the corpus came from (paths), for the record.
    ///   - toolVersion: the version of the tool writing it.
    ///   - metadata: the reference's family and role (default: a candidate in a family of its own).
    ///   - ngramStorage: how the n-grams are kept: the key partitions of every width (the default), or
    ///     the documents' word streams (when the fingerprint has them; the store becomes format 3).
    ///   - inTransaction: told what was written so far, inside the open transaction (progress).
    /// - Throws: ``StoreError`` for a duplicate or invalid name, options that differ from the store's,
    ///   or a database error.
    /// - Complexity: O(size of the fingerprint) bytes written.
    public func add(
        name: String, description: String, source: String, fingerprint: ReferenceFingerprint,
        options: ScoringOptions, toolVersion: String, createdAt: Date = Date(), metadata: ReferenceMetadata? = nil,
        ngramStorage: NGramStorage = .keyPartitions, inTransaction: (@Sendable (String) -> Void)? = nil
    ) throws {
        try Self.validate(name: name)
        if let family = metadata?.family, let problem = ReferenceMetadata.problem(family: family) {
            throw StoreError.invalidName(family, reason: problem)
        }
        try wrap("add") {
            try writer.write { db in
                try self.checkOrRecord(options: options, in: db)
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM reference WHERE name = ?", arguments: [name]) == true {
                    throw StoreError.duplicateReference(name: name)
                }
                let formatter = ISO8601DateFormatter()
                try db.execute(
                    sql: """
                        INSERT INTO reference (name, description, source, createdAt, toolVersion, optionsHash,
                            documentCount, tokenCount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        name, description, source, formatter.string(from: createdAt), toolVersion, options.optionsHash,
                        fingerprint.documentCount, fingerprint.tokenCount,
                    ])
                let id = db.lastInsertedRowID
                let words = ngramStorage == .wordStreams ? fingerprint.wordStreams : nil
                if let words {
                    try Self.putArtifact(db, reference: id, kind: ArtifactKind.ngramWords, version: 1, data: words)
                    try db.execute(
                        sql: "UPDATE meta SET value = ? WHERE key = 'formatVersion' AND CAST(value AS INTEGER) < ?",
                        arguments: [String(Self.formatVersion), Self.formatVersion])
                }
                for set in fingerprint.ngramSets {
                    try db.execute(
                        sql: "INSERT INTO ngram_set (referenceId, width, distinctCount) VALUES (?, ?, ?)",
                        arguments: [id, set.n, set.count])
                    if words != nil { continue }
                    let insert = try db.makeStatement(
                        sql:
                            "INSERT INTO ngram_chunk (referenceId, width, partition, keyCount, data, checksum) VALUES (?, ?, ?, ?, ?, ?)"
                    )
                    for (p, keys) in set.partitions.enumerated() {
                        let data = NGramKeySet.encode(keys, as: .eliasFano)
                        try insert.execute(arguments: [id, set.n, p, keys.count, data, Int64(Checksum.crc32(data))])
                    }
                }
                inTransaction?("n-gram sets")
                let k = options.permutations
                let chunkValues = Self.signatureChunkDocuments * k
                var start = 0
                var chunk = 0
                while start < fingerprint.signatures.count || chunk == 0 {
                    let end = min(fingerprint.signatures.count, start + chunkValues)
                    let data = StoreCodec.encode(fingerprint.signatures[start..<end])
                    try db.execute(
                        sql:
                            "INSERT INTO signature_chunk (referenceId, chunk, documentCount, data, checksum) VALUES (?, ?, ?, ?, ?)",
                        arguments: [id, chunk, (end - start) / k, data, Int64(Checksum.crc32(data))])
                    start = end
                    chunk += 1
                }
                try Self.putArtifact(
                    db, reference: id, kind: ArtifactKind.documentIDs, version: 1,
                    data: try JSONEncoder().encode(fingerprint.documentIDs))
                try Self.putArtifact(
                    db, reference: id, kind: ArtifactKind.probes, version: 1,
                    data: StoreCodec.encode(fingerprint.probes))
                try Self.putArtifact(
                    db, reference: id, kind: ArtifactKind.commonNGrams, version: 1,
                    data: StoreCodec.encode(common: fingerprint.commonSets))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                if !fingerprint.probeDocuments.isEmpty {
                    try Self.putArtifact(
                        db, reference: id, kind: ArtifactKind.probeDocuments, version: 1,
                        data: try encoder.encode(fingerprint.probeDocuments))
                }
                if let pairing = fingerprint.pairing {
                    try Self.putArtifact(
                        db, reference: id, kind: ArtifactKind.pairingKeys, version: 1, data: Data(pairing.encoded()))
                }
                if let identity = fingerprint.identity {
                    try Self.putArtifact(
                        db, reference: id, kind: ArtifactKind.identityStatistics, version: 1,
                        data: try encoder.encode(identity))
                }
                if let metadata {
                    try Self.putArtifact(
                        db, reference: id, kind: ArtifactKind.referenceMetadata, version: 1,
                        data: try Self.encodeJSON(metadata))
                }
                if let watermark = fingerprint.watermark {
                    try Self.putArtifact(
                        db, reference: id, kind: ArtifactKind.watermarkConfig, version: 1,
                        data: try encoder.encode(watermark))
                }
                // Descriptive only: a summary that does not encode (a non-finite value) is left out.
                if let style = fingerprint.style, let data = try? encoder.encode(style) {
                    try Self.putArtifact(db, reference: id, kind: ArtifactKind.styleProfile, version: 1, data: data)
                }
                inTransaction?("probe texts, pairing keys, identity, watermark and style")
            }
        }
    }

    /// Records the store's options with its first reference, or checks that they match.
    func checkOrRecord(options: ScoringOptions, in db: Database) throws {
        if let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'options'") {
            let stored = try JSONDecoder().decode(ScoringOptions.self, from: Data(json.utf8))
            if stored != options {
                throw StoreError.optionsMismatch(
                    path: path, store: stored.canonicalDescription, requested: options.canonicalDescription)
            }
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(options), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES ('options', ?), ('optionsHash', ?)",
                arguments: [json, options.optionsHash])
        }
    }

    /// Checks a reference name: 1 to 200 characters, no control characters, no bidirectional
    /// overrides or isolates (they reorder how a name is shown).
    /// - Throws: ``StoreError/invalidName(_:reason:)``.
    public static func validate(name: String) throws {
        if name.isEmpty || name.count > 200 {
            throw StoreError.invalidName(name, reason: "must be 1 to 200 characters")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw StoreError.invalidName(name, reason: "must not contain control characters")
        }
        if name.unicodeScalars.contains(where: {
            (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }) {
            throw StoreError.invalidName(name, reason: "must not contain bidirectional overrides")
        }
    }

    /// The references, sorted by name.
    public func references() throws -> [StoredReference] {
        try wrap("read") {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.name, r.description, r.source, r.createdAt, r.toolVersion, r.optionsHash,
                            r.documentCount, r.tokenCount, a.data AS metadata
                        FROM reference r LEFT JOIN artifact a ON a.referenceId = r.id AND a.kind = ?
                        ORDER BY r.name
                        """, arguments: [ArtifactKind.referenceMetadata]
                ).map {
                    let row = $0
                    func text(_ column: String) throws -> String {
                        try row.checked(column, table: "reference", path: path)
                    }
                    let name = try text("name")
                    let metadata =
                        try (try row.checkedIfPresent("metadata", table: "artifact", path: path) as Data?).map {
                            try Self.decodeMetadata($0, reference: name, path: path)
                        } ?? ReferenceMetadata(family: name)
                    return StoredReference(
                        name: name, description: try text("description"), source: try text("source"),
                        createdAt: try text("createdAt"), toolVersion: try text("toolVersion"),
                        optionsHash: try text("optionsHash"),
                        documentCount: try row.count("documentCount", table: "reference", path: path),
                        tokenCount: try row.count("tokenCount", table: "reference", path: path),
                        family: metadata.family,
                        role: metadata.role)
                }
            }
        }
    }

    /// The names of the references in the store, sorted.
    public func referenceNames() throws -> [String] {
        try references().map(\.name)
    }

    /// Removes a reference and everything that belongs to it.
    /// - Throws: ``StoreError/unknownReference(name:)`` when there is none of that name.
    public func remove(name: String) throws {
        try wrap("remove") {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM reference WHERE name = ?", arguments: [name])
                if db.changesCount == 0 { throw StoreError.unknownReference(name: name) }
            }
        }
    }

    /// The row id of a reference.
    func referenceID(_ name: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM reference WHERE name = ?", arguments: [name]) else {
            throw StoreError.unknownReference(name: name)
        }
        return id
    }
}
