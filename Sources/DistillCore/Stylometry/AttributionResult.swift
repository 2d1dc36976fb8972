/// What ``Attribution/attribute(suspect:references:options:)`` found: each reference's distance and
/// bootstrap support, and the outcome, which may be *none of these*.
public struct AttributionResult: Sendable, Hashable, Codable {
    /// One candidate source.
    public struct Reference: Sendable, Hashable, Codable {
        public var name: String
        public var segments: Int
        public var words: Int
        /// Burrows' Delta of the suspect to this reference.
        public var burrowsDelta: Double
        /// Cosine Delta of the suspect to this reference.
        public var cosineDelta: Double
        /// The distance used for ranking (``AttributionOptions/distance``).
        public var distance: Double
        /// Share of bootstrap replicates in which this reference ranked first.
        public var rankFirstFraction: Double
        /// Empirical p-value of the suspect being this close under the null of an unrelated source:
        /// (1 + null draws at most this close) / (1 + null draws), the null draws being samples of the
        /// suspect's size from the *other* references.
        public var pValue: Double
        /// The ``AttributionOptions/alpha`` quantile of those null distances.
        public var noneThreshold: Double

        /// The Wilson 95% interval of ``rankFirstFraction`` over `replicates` bootstrap replicates
        /// (Wilson 1927; the share read back as a count of replicates).
        public func rankFirstInterval(replicates: Int) -> WilsonInterval {
            let successes = Int((rankFirstFraction * Double(replicates)).rounded())
            return WilsonInterval(successes: successes, trials: replicates)
        }
    }

    /// Suspect segments (bootstrap units) and words.
    public var suspectSegments: Int
    public var suspectWords: Int
    /// References, closest first (ties by name).
    public var references: [Reference]
    /// The attributed reference, or nil for *none of these* or an inconclusive result.
    public var attributedTo: String?
    /// True when the closest reference passed its threshold on the whole suspect but fewer than
    /// ``minimumConfidence`` of the bootstrap replicates agree: reported as "inconclusive (closest: X)",
    /// never as an attribution. Nil otherwise.
    public var inconclusive: Bool?
    /// The bootstrap agreement an attribution needs.
    public static let minimumConfidence = 0.95
    /// Share of bootstrap replicates that agree with the outcome (for an attribution: the reference
    /// ranked first and under its threshold; for *none of these*: the closest was not under its threshold).
    public var confidence: Double
    /// Share of bootstrap replicates in which the closest reference was not under its threshold.
    public var noneFraction: Double
    /// The features: function words then most frequent words, as normalised words.
    public var vocabulary: [String]
    public var options: AttributionOptions
}

/// Options of attribution.
public struct AttributionOptions: Sendable, Hashable, Codable {
    /// Which Delta ranks the references.
    public enum Distance: String, Sendable, Hashable, Codable, CaseIterable {
        case cosine, burrows
    }

    /// Most frequent words of the references added to the features (words of two or more letters).
    public var mostFrequentWords: Int
    /// Include the ``FunctionWords`` list.
    public var functionWords: Bool
    public var basis: StyleDistance.ZScoreBasis
    public var distance: Distance
    /// Bootstrap replicates (and null draws per reference).
    public var bootstrap: Int
    public var seed: UInt64
    /// Level of the *none of these* test: attribute only when the closest reference's p-value is at
    /// most this.
    public var alpha: Double

    public init(
        mostFrequentWords: Int = 100, functionWords: Bool = true, basis: StyleDistance.ZScoreBasis = .segments,
        distance: Distance = .cosine, bootstrap: Int = 1000, seed: UInt64 = 0x5EED, alpha: Double = 0.05
    ) {
        self.mostFrequentWords = mostFrequentWords
        self.functionWords = functionWords
        self.basis = basis
        self.distance = distance
        self.bootstrap = bootstrap
        self.seed = seed
        self.alpha = alpha
    }
}
