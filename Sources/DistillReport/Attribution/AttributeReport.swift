import DistillCore

/// The JSON of `attribute` (`--json`), under the report schema's version rules; built from an
/// ``DistillCore/Attribution/Outcome``, so a library caller writes exactly what the CLI writes.
public struct AttributeReport: Sendable, Codable {
    /// One input corpus: its name, where it was read from and what was in it.
    public struct Input: Sendable, Codable {
        public var name: String
        public var path: String
        public var summary: CorpusSummary
    }

    public var schemaVersion: Int
    public var command: String
    public var suspect: Input
    public var references: [Input]
    public var result: AttributionResult
    public var identity: IdentityReport?

    /// The report of `outcome`.
    public init(_ outcome: Attribution.Outcome) {
        schemaVersion = ReportJSON.schemaVersion
        command = "attribute"
        suspect = Input(name: outcome.suspect.name, path: outcome.suspect.path, summary: outcome.suspect.summary)
        references = outcome.references.map { Input(name: $0.name, path: $0.path, summary: $0.summary) }
        result = outcome.result
        identity = outcome.identity
    }
}
