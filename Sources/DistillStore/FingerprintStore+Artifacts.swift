import DistillCore
import Foundation
import GRDB

/// The kinds of versioned blobs in the `artifact` table.
public enum ArtifactKind {
    /// The reference's document ids (JSON array of strings), version 1.
    public static let documentIDs = "document-ids"
    /// The probe documents (``StoreCodec``'s binary layout), version 1.
    public static let probes = "probes"
    /// The n-gram keys frequent in the reference's own documents, per width (binary), version 1.
    public static let commonNGrams = "common-ngrams"
    /// The summary of the corpus's style profile (``StyleSummary``, JSON), version 1; descriptive only:
    /// scoring computes style from the probes' text.
    public static let styleProfile = "style-profile"
    /// The reference's identities and identity-leak statistics (``ReferenceIdentity``, JSON), version 1.
    public static let identityStatistics = "identity-statistics"
    /// The probe documents' id, prompt and text (``ProbeDocument`` array, JSON), version 1: the null of
    /// every text signal (identity, style) is computed from them with the scoring run's own settings.
    public static let probeDocuments = "probe-documents"
    /// Per-document pairing keys (``PairingKeys``' binary layout), version 1.
    public static let pairingKeys = "pairing-keys"
    /// A watermark configuration (``WatermarkConfigRecord``, JSON).
    public static let watermarkConfig = "watermark-config"
    /// The reference's family and role (``ReferenceMetadata``, JSON), version 1. A reference without it
    /// is a candidate in a family of its own name.
    public static let referenceMetadata = "reference-metadata"

    /// The reference's documents as word ids (``ReferenceWords``' binary layout), version 1: what a
    /// store of format 3 keeps instead of the reference's n-gram key partitions.
    public static let ngramWords = "ngram-words"

    /// The kinds this version reads, each with the versions it knows. Other kinds are left alone
    /// (a later version may add them); a known kind at an unknown version is damage or a newer writer.
    public static let knownVersions: [String: Set<Int64>] = [
        documentIDs: [1], probes: [1], commonNGrams: [1], styleProfile: [1], identityStatistics: [1],
        probeDocuments: [1], pairingKeys: [1], watermarkConfig: [1], referenceMetadata: [1],
        ngramWords: [1],
    ]
}

extension FingerprintStore {
    static func putArtifact(_ db: Database, reference: Int64, kind: String, version: Int, data: Data) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO artifact (referenceId, kind, version, data, checksum) VALUES (?, ?, ?, ?, ?)",
            arguments: [reference, kind, version, data, Int64(Checksum.crc32(data))])
    }

    /// Stores a versioned blob of `kind` for a reference (replacing one of the same kind).
    public func setArtifact(reference name: String, kind: String, version: Int, data: Data) throws {
        try wrap("write") {
            try writer.write { db in
                try Self.putArtifact(db, reference: try referenceID(name, db), kind: kind, version: version, data: data)
            }
        }
    }

    /// A reference's blob of `kind` with its version, or nil.
    public func artifact(reference name: String, kind: String) throws -> (version: Int, data: Data)? {
        try wrap("read") {
            try writer.read { db in
                let id = try referenceID(name, db)
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT version, data FROM artifact WHERE referenceId = ? AND kind = ?",
                        arguments: [id, kind])
                else { return nil }
                return (
                    try row.count("version", table: "artifact", path: path),
                    try row.checked("data", table: "artifact", path: path)
                )
            }
        }
    }

    /// Stores a watermark configuration (JSON, version 1).
    public func setWatermarkConfig(reference name: String, _ config: WatermarkConfigRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try setArtifact(
            reference: name, kind: ArtifactKind.watermarkConfig, version: 1, data: try encoder.encode(config))
    }

    /// Sets a reference's family and role.
    /// - Throws: ``StoreError/invalidName(_:reason:)`` for a family name that is empty, too long or holds
    ///   control characters; ``StoreError/unknownReference(name:)``.
    public func setMetadata(reference name: String, _ metadata: ReferenceMetadata) throws {
        if let problem = ReferenceMetadata.problem(family: metadata.family) {
            throw StoreError.invalidName(metadata.family, reason: problem)
        }
        try setArtifact(
            reference: name, kind: ArtifactKind.referenceMetadata, version: 1, data: try Self.encodeJSON(metadata))
    }

    /// A reference's family and role (the defaults when none were set).
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when the stored metadata does not decode.
    public func metadata(reference name: String) throws -> ReferenceMetadata {
        guard let blob = try artifact(reference: name, kind: ArtifactKind.referenceMetadata) else {
            return ReferenceMetadata(family: name)
        }
        return try Self.decodeMetadata(blob.data, reference: name, path: path)
    }

    static func decodeMetadata(_ data: Data, reference name: String, path: String) throws -> ReferenceMetadata {
        guard let value = try? JSONDecoder().decode(ReferenceMetadata.self, from: data),
            ReferenceMetadata.problem(family: value.family) == nil
        else {
            throw StoreError.corrupt(path: path, detail: "the family and role of \(quoted(name)) do not decode")
        }
        return value
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// A reference's watermark configuration, or nil.
    public func watermarkConfig(reference name: String) throws -> WatermarkConfigRecord? {
        guard let blob = try artifact(reference: name, kind: ArtifactKind.watermarkConfig) else { return nil }
        do {
            return try JSONDecoder().decode(WatermarkConfigRecord.self, from: blob.data)
        } catch {
            throw StoreError.corrupt(path: path, detail: "watermark configuration of \(quoted(name)) does not decode")
        }
    }
}
