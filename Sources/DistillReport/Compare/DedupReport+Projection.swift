import DistillCore

extension DedupReport {
    /// The part of a `dedup` report that depends only on the documents, not on how they were read:
    /// everything but `schemaVersion`, `command`, `paths` and `summary`. `distillscope merge` writes
    /// this, and it is byte-identical to the same projection of a single-process `dedup --json`.
    public struct Projection: Sendable, Codable {
        public var documents: Int
        public var threshold: Double
        public var shingleWidth: Int
        public var permutations: Int
        public var statistics: NearDuplicateStatistics
        public var clusters: [Cluster]
        public var pairs: [Pair]
    }

    /// This report's ``Projection``.
    public var projection: Projection {
        Projection(
            documents: documents, threshold: threshold, shingleWidth: shingleWidth, permutations: permutations,
            statistics: statistics, clusters: clusters, pairs: pairs)
    }
}
