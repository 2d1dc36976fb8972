/// The overlap section of a comparison: every number of exact n-gram overlap and near-duplicate
/// search, with the evidence spans. Codable, with stable field names (part of the JSON report).
public struct OverlapReport: Sendable, Hashable, Codable {
    /// Overlap at one n-gram width.
    public struct Width: Sendable, Hashable, Codable {
        public var n: Int
        /// Shared non-boilerplate windows / non-boilerplate windows over the whole suspect corpus.
        public var corpusContainment: Double
        public var windows: Int
        public var sharedWindows: Int
        public var boilerplateWindows: Int
        /// Per-document containment in the whole reference corpus.
        public var unpairedContainment: Distribution
        /// Per-pair containment of the suspect document's n-grams in its partner's.
        public var pairedContainment: Distribution?
        /// `unpairedContainment`'s values in 20 equal buckets over [0, 1].
        public var containmentHistogram: [Int]
        public var evidenceSpans: Int
        public var boilerplateSpans: Int
        /// The strongest evidence spans, longest first (capped; `evidenceSpans` counts all).
        public var evidence: [SpanEvidence]
        /// The most frequent boilerplate phrases met in the suspect (capped).
        public var boilerplate: [BoilerplatePhrase]
    }

    /// One shared passage: suspect tokens [`suspectStart`, `suspectEnd`) are reference tokens
    /// [`referenceStart`, `referenceEnd`) one for one (token positions in the normalised texts). The
    /// quotes are exactly those tokens from each source (its own case and spacing), cut to the same
    /// number of whole tokens ("…") when long, so both normalise to the same tokens.
    public struct SpanEvidence: Sendable, Hashable, Codable {
        public var suspectID: String
        public var suspectStart: Int
        public var suspectEnd: Int
        public var referenceID: String
        public var referenceStart: Int
        public var referenceEnd: Int
        /// Tokens shared exactly (the passage's length).
        public var tokens: Int
        /// Tokens of the suspect's whole run of shared windows, which may join matches from several
        /// places of the reference; the quoted passage is the exact match around its anchor.
        public var spanTokens: Int
        public var suspectText: String
        public var referenceText: String
        /// UTF-8 offset of each quote in its document's text when the quote is the document's own bytes
        /// (nil when it is the normalised form: text that normalisation changed beyond ASCII case).
        public var suspectOffset: Int?
        public var referenceOffset: Int?

        /// Evidence of a passage at the given token ranges of both documents, with its quotes.
        /// - Complexity: O(1).
        public init(
            suspectID: String, suspectStart: Int, suspectEnd: Int, referenceID: String, referenceStart: Int,
            referenceEnd: Int, tokens: Int, spanTokens: Int, suspectText: String, referenceText: String,
            suspectOffset: Int? = nil, referenceOffset: Int? = nil
        ) {
            self.suspectOffset = suspectOffset
            self.referenceOffset = referenceOffset
            self.suspectID = suspectID
            self.suspectStart = suspectStart
            self.suspectEnd = suspectEnd
            self.referenceID = referenceID
            self.referenceStart = referenceStart
            self.referenceEnd = referenceEnd
            self.tokens = tokens
            self.spanTokens = spanTokens
            self.suspectText = suspectText
            self.referenceText = referenceText
        }
    }

    public struct BoilerplatePhrase: Sendable, Hashable, Codable {
        public var text: String
        public var occurrences: Int
    }

    public struct NearDuplicates: Sendable, Hashable, Codable {
        public var threshold: Double
        public var shingleWidth: Int
        public var permutations: Int
        public var statistics: NearDuplicateStatistics
        public var total: Int
        /// Highest Jaccard first (capped; `total` counts all).
        public var pairs: [Pair]

        public struct Pair: Sendable, Hashable, Codable {
            public var suspectID: String
            public var referenceID: String
            public var jaccard: Double
        }
    }

    public var suspectDocuments: Int
    public var referenceDocuments: Int
    public var pairing: CorpusPairing.Method
    public var pairs: Int
    public var boilerplateMinDocuments: Int
    public var widths: [Width]
    /// Exact Jaccard of each pair's shingle sets.
    public var pairedJaccard: Distribution?
    /// Per suspect document, the best exact Jaccard with any reference document found by the
    /// near-duplicate search (0 when none reached the threshold).
    public var unpairedJaccard: Distribution
    public var nearDuplicates: NearDuplicates
}
