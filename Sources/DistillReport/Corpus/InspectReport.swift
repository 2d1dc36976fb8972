import DistillCore

/// The JSON of `inspect` (`--json`), under the report schema's version rules; built from the
/// ``DistillCore/CorpusInspector`` results, so a library caller writes exactly what the CLI writes.
public struct InspectReport: Sendable, Codable {
    public var schemaVersion: Int
    public var command: String
    /// Each corpus, in the order given; corpora after the first carry their pairing with it.
    public var corpora: [CorpusInspection]

    /// The report of `inspections`.
    public init(_ inspections: [CorpusInspection]) {
        schemaVersion = ReportJSON.schemaVersion
        command = "inspect"
        corpora = inspections
    }
}
