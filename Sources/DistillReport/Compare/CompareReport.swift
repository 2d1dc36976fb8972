import DistillCore

/// The JSON of `compare` (`--json`): a comparison's findings with the inputs' paths, under the
/// report schema's version rules (``ReportJSON/schemaVersion``). Built from a
/// ``CorpusComparison/Result``, so a library caller writes exactly what the CLI writes.
public struct CompareReport: Sendable, Codable {
    /// One input corpus: where it was read from and what was in it.
    public struct Input: Sendable, Codable {
        public var path: String
        public var summary: CorpusSummary
    }

    public var schemaVersion: Int
    public var command: String
    public var teacher: Input
    public var suspect: Input
    public var background: Input?
    public var overlap: OverlapReport
    public var style: ComparisonStyle?
    public var identity: ComparisonIdentity?
    /// One plain sentence: does the suspect look derived from the teacher, and on what evidence.
    public var summary: String

    /// The report of `result`, the corpora named by the paths they were read from.
    public init(_ result: CorpusComparison.Result, teacher: String, suspect: String, background: String? = nil) {
        schemaVersion = ReportJSON.schemaVersion
        command = "compare"
        self.teacher = Input(path: teacher, summary: result.teacher.summary)
        self.suspect = Input(path: suspect, summary: result.suspect.summary)
        self.background = result.background.map { Input(path: background ?? "", summary: $0.summary) }
        overlap = result.overlap
        style = result.style
        identity = result.identity
        summary = result.summary
    }
}
