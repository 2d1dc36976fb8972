/// What the store's fingerprints are made with. Every reference in a store and every suspect scored
/// against it use the same values; ``optionsHash`` names them.
public struct ScoringOptions: Sendable, Hashable, Codable {
    /// Word n-gram widths of the containment signals.
    public var widths: [Int]
    /// Word n-gram width of the shingles MinHash uses.
    public var shingleWidth: Int
    public var permutations: Int
    public var seed: UInt64
    /// Probe documents kept per reference for the null distribution.
    public var probeDocuments: Int
    /// Documents of one corpus an n-gram must occur in to be that corpus's boilerplate.
    public var boilerplateMinDocuments: Int

    /// Options with the given widths, shingle width, permutations, seed, probes and boilerplate cut-off.
    /// - Complexity: O(1).
    public init(
        widths: [Int] = [8, 13], shingleWidth: Int = 5, permutations: Int = MinHasher.defaultPermutations,
        seed: UInt64 = MinHasher.defaultSeed, probeDocuments: Int = 2000, boilerplateMinDocuments: Int = 10
    ) {
        self.boilerplateMinDocuments = boilerplateMinDocuments
        self.widths = widths
        self.shingleWidth = shingleWidth
        self.permutations = permutations
        self.seed = seed
        self.probeDocuments = probeDocuments
    }

    /// The options of ``CorpusFingerprinter`` these imply (standard normalisation).
    public var fingerprintOptions: FingerprintOptions {
        FingerprintOptions(
            shingleWidth: shingleWidth, permutations: permutations, seed: seed, normalization: .standard,
            keepWordIDs: true, keepText: false, keepShingleSets: false)
    }

    /// A stable text form of the options (also the input of ``optionsHash``).
    public var canonicalDescription: String {
        "widths=\(widths.map(String.init).joined(separator: ","));shingle=\(shingleWidth);k=\(permutations);"
            + "seed=\(seed);probes=\(probeDocuments);boilerplate=\(boilerplateMinDocuments);normalization=standard"
    }

    /// FNV-1a 64 of ``canonicalDescription``, in hex.
    public var optionsHash: String {
        String(StableHash.fnv1a64(canonicalDescription), radix: 16)
    }
}

/// How the evidence becomes a verdict (see docs/scoring.md).
public struct VerdictOptions: Sendable, Hashable, Codable {
    /// Family-wise error rate over the references (Holm–Bonferroni): a reference is named a parent
    /// when its adjusted p-value is at most this.
    public var alpha: Double
    /// Quantile of the pooled null documents' statistic a suspect document must exceed.
    public var nullQuantile: Double
    /// z of the one-sided Wilson upper bound on each null reference's exceedance rate.
    public var wilsonZ: Double
    /// Factor on the largest null rate: room for model-to-model variation the store does not show.
    public var nullInflation: Double
    /// Smallest exceedance rate the null may assume.
    public var nullRateFloor: Double
    /// Jaccard estimate from which a suspect document is a near-duplicate of a reference document.
    public var nearDuplicateThreshold: Double
    /// Evidence items kept per signal and reference.
    public var maxEvidence: Int
    /// Longest excerpt in an evidence item, in bytes.
    public var maxExcerptBytes: Int

    public static let defaultAlpha = 1e-3
    /// Evidence items kept per signal and reference by default (the CLI's `--evidence` default too).
    public static let defaultMaxEvidence = 5

    /// Options with the given level, null quantile and rate bounds, threshold and evidence limits.
    /// - Complexity: O(1).
    public init(
        alpha: Double = defaultAlpha, nullQuantile: Double = 0.99, wilsonZ: Double = 3.29, nullInflation: Double = 2,
        nullRateFloor: Double = 1e-3, nearDuplicateThreshold: Double = 0.5, maxEvidence: Int = defaultMaxEvidence,
        maxExcerptBytes: Int = 300
    ) {
        self.alpha = alpha
        self.nullQuantile = nullQuantile
        self.wilsonZ = wilsonZ
        self.nullInflation = nullInflation
        self.nullRateFloor = nullRateFloor
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.maxEvidence = maxEvidence
        self.maxExcerptBytes = maxExcerptBytes
    }
}
