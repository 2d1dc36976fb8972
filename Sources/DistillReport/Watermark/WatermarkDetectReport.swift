import DistillCore

/// The JSON of `watermark detect` (`--json`), under the report schema's version rules; built from a
/// ``DistillCore/WatermarkDetector/CorpusDetection``, so a library caller writes exactly what the CLI writes.
public struct WatermarkDetectReport: Sendable, Codable {
    /// One document's score, by id.
    public struct DocumentScore: Sendable, Codable {
        public var id: String
        public var score: WatermarkScore
    }

    public var schemaVersion: Int
    public var command: String
    public var paths: [String]
    public var parameters: WatermarkParameters
    /// The parameters of a deployed scheme (`kgw`, `synthid`) under their reference packages' names;
    /// absent for `ds-kgw` and `ds-gumbel`. For a deployed scheme ``parameters`` holds the scheme, the
    /// null success probability of one trial as `gamma` and the context width.
    public var deployed: DeployedWatermarkParameters?
    /// The key's public fingerprint (never the key; for SynthID, of all its keys).
    public var keyFingerprint: String
    /// How the texts were tokenised: `words` or `subword:FILE`.
    public var tokenization: String
    public var ignoreRepeatedTuples: Bool
    public var alpha: Double
    public var documents: [DocumentScore]
    /// Each distinct (context, token) tuple once across the corpus.
    public var corpus: WatermarkScore
    public var medianDocumentLog10P: Double
    public var documentsAtOrBelowAlpha: Int
    public var finding: Bool
    public var summary: CorpusSummary

    /// The report of `detection`, made with `parameters` and the key of `keyFingerprint` on the
    /// corpus at `paths`.
    public init(
        _ detection: WatermarkDetector.CorpusDetection, paths: [String], parameters: WatermarkParameters,
        keyFingerprint: String, tokenization: String, deployed: DeployedWatermarkParameters? = nil,
        ignoreRepeatedTuples: Bool
    ) {
        schemaVersion = ReportJSON.schemaVersion
        command = "watermark detect"
        self.paths = paths
        self.parameters = parameters
        self.keyFingerprint = keyFingerprint
        self.deployed = deployed
        self.tokenization = tokenization
        self.ignoreRepeatedTuples = ignoreRepeatedTuples
        alpha = detection.alpha
        documents = detection.documents.map { DocumentScore(id: $0.id, score: $0.score) }
        corpus = detection.corpus
        medianDocumentLog10P = detection.medianDocumentLog10P
        documentsAtOrBelowAlpha = detection.documentsAtOrBelowAlpha
        finding = detection.finding
        summary = detection.summary
    }
}
