/// One signal's test against one reference.
public struct SignalResult: Sendable, Hashable, Codable {
    /// Documents and how many exceed the threshold.
    public struct Counts: Sendable, Hashable, Codable {
        public var documents: Int
        public var exceeding: Int
        public var rate: Double { documents == 0 ? 0 : Double(exceeding) / Double(documents) }

        enum CodingKeys: String, CodingKey { case documents, exceeding, rate }
        public init(documents: Int, exceeding: Int) {
            self.documents = documents
            self.exceeding = exceeding
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            documents = try c.decode(Int.self, forKey: .documents)
            exceeding = try c.decode(Int.self, forKey: .exceeding)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(documents, forKey: .documents)
            try c.encode(exceeding, forKey: .exceeding)
            try c.encode(rate, forKey: .rate)
        }
    }

    /// A null reference's probe documents.
    public struct NullCounts: Sendable, Hashable, Codable {
        public var reference: String
        public var documents: Int
        public var exceeding: Int
        /// Wilson upper bound of the exceedance rate.
        public var upperRate: Double
    }

    public var signal: String
    /// How the per-document statistic is computed.
    public var method: String
    /// τ, the pooled null quantile a document must exceed (nil when untested).
    public var threshold: Double?
    public var suspect: Counts
    public var null: [NullCounts]
    /// π₀, the exceedance rate assumed under the null.
    public var nullRate: Double?
    /// log10 of P[Binomial(N, π₀) ≥ k].
    public var log10PValue: Double
    public var measures: [String: Double]
    public var evidence: [EvidenceItem]
    /// Why the signal was not tested, when it was not.
    public var note: String?
    /// Whether the p-value takes part in the decision (false for corroborating signals).
    public var usedInDecision: Bool
    /// The outcome of an exact corpus-level test in a sentence (watermark), instead of document counts.
    public var detail: String?
}

/// The verdict on one reference.
public struct ReferenceVerdict: Sendable, Hashable, Codable {
    public var reference: String
    public var description: String
    public var documents: Int
    public var signals: [SignalResult]
    /// The strongest signal.
    public var strongestSignal: String?
    /// log10 of the reference's p-value: the smallest p-value of the signals used in the decision
    /// times the number of them that were tested (Bonferroni within the reference).
    public var log10PValue: Double
    /// After Holm–Bonferroni over the references.
    public var log10AdjustedPValue: Double
    public var parentFound: Bool
    /// Why, in plain language.
    public var summary: String
}

/// The result of scoring a suspect against a store.
public struct ScoreReport: Sendable, Hashable, Codable {
    /// The decision over all references.
    public struct Decision: Sendable, Hashable, Codable {
        public var parentFound: Bool
        /// References named as parents, strongest first.
        public var parents: [String]
        /// Why, in plain language, naming the strongest evidence.
        public var summary: String
    }

    public var schemaVersion: Int
    public var command: String
    public var suspect: String
    public var suspectDocuments: Int
    public var options: ScoringOptions
    public var verdictOptions: VerdictOptions
    public var references: [ReferenceVerdict]
    public var decision: Decision
}
