import Foundation

/// One signal's test against one reference.
public struct SignalResult: Sendable, Hashable, Codable {
    /// Documents and how many exceed the threshold.
    public struct Counts: Sendable, Hashable, Codable {
        public var documents: Int
        public var exceeding: Int
        public var rate: Double { documents == 0 ? 0 : Double(exceeding) / Double(documents) }

        enum CodingKeys: String, CodingKey { case documents, exceeding, rate }
        /// Counts of `exceeding` among `documents`.
        /// - Complexity: O(1).
        public init(documents: Int, exceeding: Int) {
            self.documents = documents
            self.exceeding = exceeding
        }
        /// Decodes the counts; the encoded `rate` is derived, so it is not read.
        /// - Complexity: O(1).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            documents = try c.decode(Int.self, forKey: .documents)
            exceeding = try c.decode(Int.self, forKey: .exceeding)
        }
        /// Encodes the counts with their `rate`.
        /// - Complexity: O(1).
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

    public var signal: Signal
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
    /// What would let the signal be tested (with ``note``), when something would.
    public var remedy: Remedy?
    /// Whether the p-value takes part in the decision (false for corroborating signals).
    public var usedInDecision: Bool
    /// The outcome of an exact corpus-level test in a sentence (watermark), instead of document counts.
    public var detail: String?
    /// Paired per-prompt sign tests against each independent model (paired signals); the p-value is
    /// the largest of theirs (the suspect must beat every independent model).
    public var paired: [PairedComparison]?
    /// Paired per-prompt sign tests against each sibling of the reference (paired signals).
    public var siblings: [PairedComparison]?
    /// Present when the independent model that decided a paired test itself looks derived from the
    /// reference (paired signals): the test's power is then in question, and the report says so.
    public var nullAudit: NullAudit?
}

/// The independent model that decided a paired test, tested as a suspect itself: is *its* answer
/// closer to the reference's than every other independent model's answer is? When it is (p at most
/// α), it may have learnt from the reference, and as the null it hides the reference's students:
/// on real stores a 2024 baseline was closer to gpt-4's answers than any documented gpt-4 student.
public struct NullAudit: Sendable, Hashable, Codable {
    /// The independent model that decided the test.
    public var model: String
    /// Its own paired sign test against the hardest of the other independent models.
    public var comparison: PairedComparison

    /// The audit of independent model `model`, with its own sign test.
    /// - Complexity: O(1).
    public init(model: String, comparison: PairedComparison) {
        self.model = model
        self.comparison = comparison
    }
}

/// One paired per-prompt sign test: over the prompts that the suspect, the reference and another
/// model all answered, how often the suspect's answer is closer to the reference's than the other
/// model's answer is (independent models), or closer to the reference's answer than to the other
/// model's (siblings). Ties are left out; p = P[Binomial(wins + losses, ½) ≥ wins], exact.
public struct PairedComparison: Sendable, Hashable, Codable {
    /// The other model.
    public var against: String
    public var prompts: Int
    public var wins: Int
    public var losses: Int
    public var ties: Int
    public var log10PValue: Double

    /// The sign test's counts against `against`, with its exact p-value.
    /// - Complexity: O(√*n*) for *n* = `wins` + `losses`: the exact binomial tail.
    public init(against: String, prompts: Int, wins: Int, losses: Int, ties: Int) {
        self.against = against
        self.prompts = prompts
        self.wins = wins
        self.losses = losses
        self.ties = ties
        self.log10PValue = BinomialTail.log10UpperTail(successes: wins, trials: wins + losses, probability: 0.5)
    }
}

/// The verdict on one reference.
public struct ReferenceVerdict: Sendable, Hashable, Codable {
    public var reference: String
    public var description: String
    public var documents: Int
    public var signals: [SignalResult]
    /// The strongest signal.
    public var strongestSignal: Signal?
    /// log10 of the reference's p-value: the smallest p-value of the signals used in the decision
    /// times the number of them that were tested (Bonferroni within the reference).
    public var log10PValue: Double
    /// After Holm–Bonferroni over the references.
    public var log10AdjustedPValue: Double
    public var parentFound: Bool
    /// Why, in plain language.
    public var summary: String
    /// The reference's family (maker or lineage).
    public var family: String?
    /// Candidate, or baseline (a null only, never named).
    public var role: ReferenceRole?
    /// For a parent with siblings: whether the suspect is significantly closer to this member than to
    /// each sibling (paired per-prompt tests); nil when the reference is not a parent or has no siblings.
    public var memberDetermined: Bool?
    /// log10 p of the member test: the largest over the siblings of the smallest paired p-value against
    /// that sibling times the number of paired measures.
    public var log10MemberPValue: Double?
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
        /// The family of the strongest parent, when one is found.
        public var family: String?
        /// The member of that family named as the parent, when the evidence tells its members apart;
        /// nil with a family means "family found, member undetermined".
        public var member: String?
        /// Whether the suspect and the references shared prompts, so the paired per-prompt tests ran.
        /// Without them only document-level tests decide, with less power.
        public var paired: Bool?
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

extension ScoreReport {
    /// The signal tests behind the report's decision, over every reference: the deciding signals
    /// that were tested. Which those are depends on the store and the options, never on the suspect.
    public var decidingTestCount: Int {
        references.reduce(0) { $0 + $1.signals.filter { $0.usedInDecision && $0.note == nil }.count }
    }

    /// `log10PValue` corrected for every deciding test of the report (Bonferroni), at most 0: the
    /// p-value a finding of one signal and reference carries in a scan, where any of them could fail it.
    /// - Complexity: O(*s*) for the report's *s* signal results (``decidingTestCount`` counts them).
    public func correctedAcrossReport(log10PValue: Double) -> Double {
        min(0, log10PValue + log10(Double(max(1, decidingTestCount))))
    }
}
