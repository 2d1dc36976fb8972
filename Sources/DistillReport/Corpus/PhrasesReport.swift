import DistillCore

/// The JSON of `phrases` (`--json`), under the report schema's version rules; built from a
/// ``DistillCore/PhraseLogOdds/Comparison``, so a library caller writes exactly what the CLI writes.
public struct PhrasesReport: Sendable, Codable {
    public var schemaVersion: Int
    public var command: String
    /// The path of the corpus whose phrases are listed.
    public var a: String
    /// The path of the corpus it is compared with.
    public var b: String
    /// The path of the prior's corpus, when one was given.
    public var background: String?
    public var documentsA: Int
    public var documentsB: Int
    /// The lowest and highest n-gram width.
    public var ngram: [Int]
    public var priorStrength: Double
    public var minCount: Int
    public var phrases: [PhraseLogOdds.Phrase]

    /// The report of `comparison`, made over `widths` with `priorStrength` and `minCount` on the
    /// corpora at `a`, `b` and `background`.
    public init(
        _ comparison: PhraseLogOdds.Comparison, a: String, b: String, background: String?, widths: ClosedRange<Int>,
        priorStrength: Double, minCount: Int
    ) {
        schemaVersion = ReportJSON.schemaVersion
        command = "phrases"
        self.a = a
        self.b = b
        self.background = background
        documentsA = comparison.documentsA
        documentsB = comparison.documentsB
        ngram = [widths.lowerBound, widths.upperBound]
        self.priorStrength = priorStrength
        self.minCount = minCount
        phrases = comparison.phrases
    }
}
