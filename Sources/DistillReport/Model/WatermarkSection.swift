/// Watermark detection per document and the corpus-level radioactivity test (DESIGN.md `ds-kgw`,
/// `ds-gumbel`; Kirchenbauer et al. 2023, Sander et al. 2024).
public struct WatermarkSection: Sendable, Codable, Equatable {
    /// Per-document scores, summarised.
    public struct Documents: Sendable, Codable, Equatable {
        public var scored: Int
        /// Documents whose p-value is below ``alpha``.
        public var flagged: Int
        public var alpha: Double
        public var medianLog10P: Double
        public var minimumLog10P: Double

        public init(scored: Int, flagged: Int, alpha: Double, medianLog10P: Double, minimumLog10P: Double) {
            self.scored = scored
            self.flagged = flagged
            self.alpha = alpha
            self.medianLog10P = medianLog10P
            self.minimumLog10P = minimumLog10P
        }
    }

    /// The radioactivity test after `tokensScored` distinct (context, token) tuples.
    public struct Point: Sendable, Codable, Equatable {
        public var tokensScored: Int
        public var log10P: Double

        public init(tokensScored: Int, log10P: Double) {
            self.tokensScored = tokensScored
            self.log10P = log10P
        }
    }

    /// `ds-kgw` or `ds-gumbel`.
    public var scheme: String
    /// A name for the key (never the key itself).
    public var keyName: String
    /// The observed share of green tokens (ds-kgw).
    public var greenFraction: Double?
    /// The green share expected without the watermark (the scheme's γ).
    public var gamma: Double?
    /// The significance level of the corpus-level test (the chart's threshold line).
    public var alpha: Double?
    public var contextWidth: Int
    public var documents: Documents?
    /// log10 p against tokens scored, in increasing token order.
    public var radioactivity: [Point]

    public init(
        scheme: String, keyName: String, greenFraction: Double?, gamma: Double? = nil, alpha: Double? = nil,
        contextWidth: Int, documents: Documents?, radioactivity: [Point]
    ) {
        self.scheme = scheme
        self.keyName = keyName
        self.greenFraction = greenFraction
        self.gamma = gamma
        self.alpha = alpha
        self.contextWidth = contextWidth
        self.documents = documents
        self.radioactivity = radioactivity
    }
}
