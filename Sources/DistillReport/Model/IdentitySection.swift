/// The suspect naming itself as another model or maker ("I am Claude", "developed by OpenAI").
public struct IdentitySection: Sendable, Codable, Equatable {
    /// How often one identity is claimed, with a Wilson score interval (Wilson 1927).
    public struct Claim: Sendable, Codable, Equatable {
        /// The identity claimed (a model or maker name).
        public var identity: String
        public var documents: Int
        public var rate: Double
        public var lower: Double
        public var upper: Double

        public init(identity: String, documents: Int, rate: Double, lower: Double, upper: Double) {
            self.identity = identity
            self.documents = documents
            self.rate = rate
            self.lower = lower
            self.upper = upper
        }
    }

    public var documentsScanned: Int
    /// Confidence level of the intervals (for example 0.95).
    public var confidence: Double
    public var claims: [Claim]
    /// Example passages, the claim highlighted as `shared`.
    public var snippets: CappedList<EvidencePassage>

    public init(documentsScanned: Int, confidence: Double, claims: [Claim], snippets: CappedList<EvidencePassage>) {
        self.documentsScanned = documentsScanned
        self.confidence = confidence
        self.claims = claims
        self.snippets = snippets
    }
}
