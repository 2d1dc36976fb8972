import DistillCore

/// The JSON of `index list` (`--json`): the references in the store, sorted by name.
public struct ReferenceListing: Sendable, Codable {
    public var schemaVersion: Int
    public var references: [StoredReference]

    /// The listing of `references`.
    public init(_ references: [StoredReference]) {
        schemaVersion = ReportSchemaVersion.current
        self.references = references
    }
}

/// The JSON of `index verify` (`--json`): whether the store is sound, and the problems found.
public struct StoreVerification: Sendable, Codable {
    public var schemaVersion: Int
    /// No problem was found.
    public var ok: Bool
    /// The number of references in the store.
    public var references: Int
    /// The problems found, one sentence each.
    public var problems: [String]

    /// The verification of a store of `references` references that found `problems`.
    public init(references: Int, problems: [String]) {
        schemaVersion = ReportSchemaVersion.current
        ok = problems.isEmpty
        self.references = references
        self.problems = problems
    }
}

extension FingerprintStore {
    /// The references in the store, sorted by name, as `index list` writes them.
    /// - Throws: ``StoreError`` for a database error.
    public func listing() throws -> ReferenceListing {
        ReferenceListing(try references())
    }

    /// Checks the store (``verify()``) and counts its references.
    /// - Throws: ``StoreError`` when the store cannot be read at all.
    /// - Complexity: reads every blob once.
    public func verification() throws -> StoreVerification {
        let problems = try verify()
        return StoreVerification(references: try referenceNames().count, problems: problems)
    }
}
