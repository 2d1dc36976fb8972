import DistillCore
import Foundation

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
        /// One paired per-prompt comparison against another model.
        public struct Comparison: Sendable, Codable, Equatable {
            /// The other model.
            public var against: String
            /// Whether the other model is a sibling of the reference (else an independent model).
            public var sibling: Bool
            public var wins: Int
            public var losses: Int
            public var ties: Int
            /// log10 of the sign test's p-value (lossless: p-values far below 1e-308 stay exact).
            public var log10PValue: Double

            public init(against: String, sibling: Bool, wins: Int, losses: Int, ties: Int, log10PValue: Double) {
                self.against = against
                self.sibling = sibling
                self.wins = wins
                self.losses = losses
                self.ties = ties
                self.log10PValue = log10PValue
            }
        }

        /// `overlap`, `style`, `identity`, `watermark`, `attribution`, ...
        public var name: String
        /// The signal's statistic (for example containment or a distance).
        public var value: Double
        /// The p-value as a number; below about 1e-308 it underflows to 0: read ``log10PValue``.
        public var pValue: Double?
        /// log10 of the p-value, lossless (1e-900 is -900); renderers print from it when present.
        public var log10PValue: Double?
        /// How the number was computed, in one sentence.
        public var method: String
        /// Share of the suspect's documents over the null threshold, and the null's rate (π₀), when
        /// the signal counts documents.
        public var suspectRate: Double?
        public var nullRate: Double?
        /// Paired per-prompt sign tests behind the signal (paired signals).
        public var comparisons: [Comparison]?
        /// The suspect's strongest documents for the signal, quoted (the shared part marked).
        public var passages: [EvidencePassage]?
        /// For paired signals, the reference's answer to the same prompt as each passage (same order).
        public var referencePassages: [EvidencePassage]?

        public init(
            name: String, value: Double, pValue: Double?, log10PValue: Double? = nil, method: String,
            suspectRate: Double? = nil,
            nullRate: Double? = nil, comparisons: [Comparison]? = nil, passages: [EvidencePassage]? = nil,
            referencePassages: [EvidencePassage]? = nil
        ) {
            self.referencePassages = referencePassages
            self.name = name
            self.value = value
            self.pValue = pValue
            self.log10PValue = log10PValue
            self.method = method
            self.suspectRate = suspectRate
            self.nullRate = nullRate
            self.comparisons = comparisons
            self.passages = passages
        }
    }

    /// The candidate reference model's name.
    public var reference: String
    public var decision: Decision
    /// The p-value after correction for the number of candidates (Holm–Bonferroni); below about
    /// 1e-308 it underflows to 0: read ``log10PValue``.
    public var pValue: Double
    /// log10 of the corrected p-value, lossless; renderers print from it when present.
    public var log10PValue: Double?
    public var strength: Strength
    /// One sentence for a reader who reads nothing else.
    public var summary: String
    /// How the p-value was computed (null model, correction).
    public var method: String
    public var signals: [Signal]

    public init(
        reference: String, decision: Decision, pValue: Double, log10PValue: Double? = nil, strength: Strength? = nil,
        summary: String, method: String, signals: [Signal] = []
    ) {
        self.reference = reference
        self.decision = decision
        self.pValue = pValue
        self.log10PValue = log10PValue
        self.strength = strength ?? Strength(pValue: pValue)
        self.summary = summary
        self.method = method
        self.signals = signals
    }

    /// The corrected p-value for display: exact from ``log10PValue`` when present.
    public var shownPValue: String {
        log10PValue.map { ChartNumber.pValue(fromLog10: $0) } ?? ChartNumber.pValue(pValue)
    }

    /// log10 of the corrected p-value, from ``log10PValue`` when present (for ordering).
    public var orderingLog10P: Double { log10PValue ?? PValue.log10(fromLinear: pValue) }
}

extension ReportVerdict.Signal {
    /// The p-value for display ("–" when there is none): exact from ``log10PValue`` when present.
    public var shownPValue: String {
        if let log10PValue { return ChartNumber.pValue(fromLog10: log10PValue) }
        return pValue.map { ChartNumber.pValue($0) } ?? "–"
    }
}

extension ReportVerdict.Signal.Comparison {
    public var shownPValue: String { ChartNumber.pValue(fromLog10: log10PValue) }
}
