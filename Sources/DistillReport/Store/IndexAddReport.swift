import DistillCore

/// The JSON of `index add` (`--json`): what was stored of the new reference.
public struct IndexAddReport: Sendable, Codable {
    public var schemaVersion: Int
    public var name: String
    public var family: String
    /// `candidate` or `baseline`.
    public var role: String
    public var documents: Int
    public var tokens: Int
    /// Distinct n-grams per width (the width as a string key).
    public var distinctNGrams: [String: Int]
    /// Probe documents kept for the null distribution.
    public var probes: Int

    /// The report of the reference `name` with `metadata`, stored as `fingerprint`.
    public init(name: String, metadata: ReferenceMetadata, fingerprint: ReferenceFingerprint) {
        schemaVersion = ReportJSON.schemaVersion
        self.name = name
        family = metadata.family
        role = metadata.role.rawValue
        documents = fingerprint.documentCount
        tokens = fingerprint.tokenCount
        distinctNGrams = Dictionary(
            fingerprint.ngramSets.map { (String($0.n), $0.count) }, uniquingKeysWith: { a, _ in a })
        probes = fingerprint.probes.documents.count
    }
}
