/// The verdict on one candidate reference model: the decision, how strong it is, the p-value it
/// rests on and the signals that went into it. Every number carries the method that produced it.
public struct ReportVerdict: Sendable, Codable, Equatable {
    /// What the evidence supports.
    public enum Decision: String, Sendable, Codable, CaseIterable {
        /// The suspect learnt from this reference (over the decision threshold after correction).
        case derived
        /// Some signal is raised but not past the threshold.
        case inconclusive
        /// Nothing beyond what independent models show.
        case notDerived = "not-derived"
    }

    /// How strong the evidence is, from the corrected p-value (see ``Strength/init(pValue:)``).
    public enum Strength: String, Sendable, Codable, CaseIterable, Comparable {
        case none, weak, moderate, strong, overwhelming

        /// Buckets of the corrected p-value: ≥ 0.05 none, < 0.05 weak, < 1e-3 moderate, < 1e-6 strong,
        /// < 1e-12 overwhelming.
        public init(pValue: Double) {
            switch pValue {
            case ..<1e-12: self = .overwhelming
            case ..<1e-6: self = .strong
            case ..<1e-3: self = .moderate
            case ..<0.05: self = .weak
            default: self = .none
            }
        }

        public static func < (lhs: Strength, rhs: Strength) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One signal's contribution to a verdict.
    public struct Signal: Sendable, Codable, Equatable {
        /// `overlap`, `style`, `identity`, `watermark`, `attribution`, ...
        public var name: String
        /// The signal's statistic (for example containment or a distance).
        public var value: Double
        public var pValue: Double?
        /// How the number was computed, in one sentence.
        public var method: String

        public init(name: String, value: Double, pValue: Double?, method: String) {
            self.name = name
            self.value = value
            self.pValue = pValue
            self.method = method
        }
    }

    /// The candidate reference model's name.
    public var reference: String
    public var decision: Decision
    /// The p-value after correction for the number of candidates (Holm–Bonferroni).
    public var pValue: Double
    public var strength: Strength
    /// One sentence for a reader who reads nothing else.
    public var summary: String
    /// How the p-value was computed (null model, correction).
    public var method: String
    public var signals: [Signal]

    public init(
        reference: String, decision: Decision, pValue: Double, strength: Strength? = nil, summary: String,
        method: String, signals: [Signal] = []
    ) {
        self.reference = reference
        self.decision = decision
        self.pValue = pValue
        self.strength = strength ?? Strength(pValue: pValue)
        self.summary = summary
        self.method = method
        self.signals = signals
    }
}
