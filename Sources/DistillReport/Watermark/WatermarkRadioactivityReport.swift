import DistillCore

/// The JSON of `watermark radioactivity` (`--json`), under the report schema's version rules; built
/// from a ``DistillCore/RadioactivityTest/Outcome``, so a library caller writes exactly what the CLI writes.
public struct WatermarkRadioactivityReport: Sendable, Codable {
    public var schemaVersion: Int
    public var command: String
    /// The suspect corpus's paths.
    public var paths: [String]
    /// The teacher corpus's paths (empty: no teacher filter).
    public var teacherPaths: [String]
    public var parameters: WatermarkParameters
    /// The parameters of a deployed scheme (`kgw`, `synthid`) under their reference packages' names;
    /// absent for `ds-kgw` and `ds-gumbel`. For a deployed scheme ``parameters`` holds the scheme, the
    /// null success probability of one trial as `gamma` and the context width.
    public var deployed: DeployedWatermarkParameters?
    /// The key's public fingerprint (never the key; for SynthID, of all its keys).
    public var keyFingerprint: String
    /// How the texts were tokenised: `words` or `subword:FILE`.
    public var tokenization: String
    public var alpha: Double
    public var result: RadioactivityTest.Result
    public var finding: Bool
    public var summary: CorpusSummary

    /// The report of `outcome`, tested with `parameters` and the key of `keyFingerprint` on the
    /// suspect at `paths` (and the teacher at `teacherPaths`).
    public init(
        _ outcome: RadioactivityTest.Outcome, paths: [String], teacherPaths: [String], parameters: WatermarkParameters,
        keyFingerprint: String, tokenization: String, deployed: DeployedWatermarkParameters? = nil
    ) {
        schemaVersion = ReportJSON.schemaVersion
        command = "watermark radioactivity"
        self.paths = paths
        self.teacherPaths = teacherPaths
        self.parameters = parameters
        self.keyFingerprint = keyFingerprint
        self.deployed = deployed
        self.tokenization = tokenization
        alpha = outcome.alpha
        result = outcome.result
        finding = outcome.finding
        summary = outcome.summary
    }
}
