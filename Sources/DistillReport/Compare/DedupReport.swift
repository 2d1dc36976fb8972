import DistillCore

/// The JSON of `dedup` (`--json`), under the report schema's version rules; built from a
/// ``Deduplication/Result``, so a library caller writes exactly what the CLI writes.
public struct DedupReport: Sendable, Codable {
    /// Documents joined by near-duplicate pairs, by id.
    public struct Cluster: Sendable, Codable {
        public var documents: [String]
    }

    /// One verified pair, by id, with its exact Jaccard.
    public struct Pair: Sendable, Codable {
        public var first: String
        public var second: String
        public var jaccard: Double
    }

    public var schemaVersion: Int
    public var command: String
    public var paths: [String]
    public var documents: Int
    public var threshold: Double
    public var shingleWidth: Int
    public var permutations: Int
    public var statistics: NearDuplicateStatistics
    public var clusters: [Cluster]
    public var pairs: [Pair]
    public var summary: CorpusSummary

    /// The report of `result`, found with `options` in the corpus at `paths`.
    public init(_ result: Deduplication.Result, paths: [String], options: Deduplication.Options) {
        schemaVersion = ReportJSON.schemaVersion
        command = "dedup"
        self.paths = paths
        documents = result.ids.count
        threshold = options.threshold
        shingleWidth = options.fingerprint.shingleWidth
        permutations = options.fingerprint.permutations
        statistics = result.statistics
        let ids = result.ids
        clusters = result.clusters.map { Cluster(documents: $0.map { ids[$0] }) }
        pairs = result.pairs.map { Pair(first: ids[$0.first], second: ids[$0.second], jaccard: $0.jaccard) }
        summary = result.summary
    }
}
