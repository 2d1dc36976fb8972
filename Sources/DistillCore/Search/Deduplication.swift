import Foundation

/// Near-duplicate clusters inside one corpus as one call: MinHash signatures, LSH candidates, every
/// reported pair verified by the exact Jaccard of its shingle sets (precision 1), pairs joined into
/// clusters. The CLI's `dedup` is parsing, this call and rendering.
///
/// ```swift
/// let result = try Deduplication.run(paths: ["data/"], options: .init(threshold: 0.8))
/// for cluster in result.clusters { print(cluster.joined(separator: ", ")) }
/// ```
public enum Deduplication {
    /// How the corpus is read and what counts as a near-duplicate.
    public struct Options: Sendable {
        public var corpus: CorpusOptions
        /// Shingle width, permutations and seed of the signatures.
        public var fingerprint: FingerprintOptions
        /// Exact Jaccard at or above which two documents are near-duplicates.
        public var threshold: Double
        /// LSH banding; nil chooses it for the threshold.
        public var lsh: LSHParameters?
        public var threads: Int

        /// Options with the given corpus reading, fingerprinting, threshold, banding and threads.
        /// - Complexity: O(1).
        public init(
            corpus: CorpusOptions = CorpusOptions(), fingerprint: FingerprintOptions = FingerprintOptions(),
            threshold: Double = 0.8, lsh: LSHParameters? = nil,
            threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.corpus = corpus
            self.fingerprint = fingerprint
            self.threshold = threshold
            self.lsh = lsh
            self.threads = threads
        }
    }

    /// The near-duplicates found.
    public struct Result: Sendable {
        /// Document ids, in input order.
        public var ids: [String]
        /// Verified pairs (document indexes), with their exact Jaccard.
        public var pairs: [NearDuplicatePair]
        /// Clusters of document indexes joined by the pairs (two or more documents each).
        public var clusters: [[Int]]
        public var statistics: NearDuplicateStatistics
        public var summary: CorpusSummary
    }

    /// Finds the near-duplicate pairs and clusters of the corpus at `paths`.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: one read for the signatures, O(candidates) verification; the shingle sets of
    ///   the documents still in question are recomputed by a second read (standard input, which
    ///   cannot be read twice, keeps them all instead).
    public static func run(
        paths: [String], options: Options = Options(), progress: ((ReadProgress) -> Void)? = nil
    ) throws -> Result {
        var corpusOptions = options.corpus
        corpusOptions.threads = options.threads
        var fingerprintOptions = options.fingerprint
        fingerprintOptions.keepWordIDs = false
        fingerprintOptions.keepText = false
        fingerprintOptions.computeSignatures = true
        let rereadable = !paths.contains("-")
        fingerprintOptions.keepShingleSets = !rereadable
        let fingerprints = try CorpusFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpusOptions, options: fingerprintOptions, progress: progress)
        let (pairs, statistics) = try NearDuplicateSearch.withinCorpus(
            fingerprints, threshold: options.threshold, parameters: options.lsh, threads: options.threads,
            shingleSets: rereadable
                ? { needed in
                    try CorpusFingerprinter.shingleSets(
                        paths: paths, corpusOptions: corpusOptions, options: fingerprintOptions, documents: needed)
                } : nil)
        return Result(
            ids: fingerprints.ids, pairs: pairs,
            clusters: NearDuplicateSearch.clusters(pairs: pairs, count: fingerprints.count),
            statistics: statistics, summary: fingerprints.summary)
    }
}
