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
}

extension FingerprintStore {
    static func putArtifact(_ db: Database, reference: Int64, kind: String, version: Int, data: Data) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO artifact (referenceId, kind, version, data) VALUES (?, ?, ?, ?)",
            arguments: [reference, kind, version, data])
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
                return (row["version"], row["data"])
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
