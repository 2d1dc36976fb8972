/// One kind of evidence that a suspect learnt from a reference. Each signal is scored by a
/// ``SignalScorer`` into per-document statistics, which ``ExceedanceTest`` turns into a p-value.
public struct Signal: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The families of signals. Overlap signals are scored now; the others have store tables and
    /// plug in through ``SignalScorer`` when their producers land.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Share of a suspect document's word n-grams found only in this reference (boilerplate
        /// shared with other references discounted).
        case ngramContainment = "ngram"
        /// Best MinHash Jaccard estimate of a suspect document against the reference's documents.
        case nearDuplicate = "near-duplicate"
        /// Stylometric distance (planned).
        case style
        /// Identity-leak rate (planned).
        case identity
        /// Watermark radioactivity (planned).
        case watermark
    }

    public var kind: Kind
    /// The signal's parameter, such as the n-gram width.
    public var parameter: Int?

    public init(kind: Kind, parameter: Int? = nil) {
        self.kind = kind
        self.parameter = parameter
    }

    public static func ngram(_ n: Int) -> Signal { Signal(kind: .ngramContainment, parameter: n) }
    public static let nearDuplicate = Signal(kind: .nearDuplicate)

    /// The signal's name in reports and configuration files: `ngram-8`, `near-duplicate`.
    public var name: String { parameter.map { "\(kind.rawValue)-\($0)" } ?? kind.rawValue }
    public var description: String { name }

    public static func < (a: Signal, b: Signal) -> Bool {
        (a.kind.rawValue, a.parameter ?? 0) < (b.kind.rawValue, b.parameter ?? 0)
    }
}

/// A signal's per-document statistics for one reference: the suspect's documents, and the null —
/// the probe documents of every *other* reference, scored against this one the same way.
public struct SignalObservation: Sendable {
    /// Probe statistics of one other (independent) reference.
    public struct NullGroup: Sendable {
        public var reference: Int
        public var values: [Double]

        public init(reference: Int, values: [Double]) {
            self.reference = reference
            self.values = values
        }
    }

    public var signal: Signal
    /// The reference (index into ``ReferenceSource/references``).
    public var reference: Int
    /// One statistic per suspect document.
    public var suspect: [Double]
    public var null: [NullGroup]
    /// A document counts only when its statistic is at least this (for example one shared n-gram).
    public var floor: Double
    /// How the statistic was computed, in a sentence.
    public var method: String
    /// The strongest evidence, best first.
    public var evidence: [EvidenceItem]
    /// Descriptive numbers (such as the mean best Jaccard), sorted by key in the report.
    public var measures: [String: Double]

    public init(
        signal: Signal, reference: Int, suspect: [Double], null: [NullGroup], floor: Double, method: String,
        evidence: [EvidenceItem] = [], measures: [String: Double] = [:]
    ) {
        self.signal = signal
        self.reference = reference
        self.suspect = suspect
        self.null = null
        self.floor = floor
        self.method = method
        self.evidence = evidence
        self.measures = measures
    }
}

/// Computes one family of signals of a suspect against every reference of a store.
///
/// To add a signal: implement this protocol (its statistic per suspect document and per probe
/// document of the other references), add it to ``SuspectScorer``'s scorers; the test, the
/// correction over references and the verdict are shared.
public protocol SignalScorer: Sendable {
    /// The signals this scorer produces for a store made with `options`.
    func signals(options: ScoringOptions) -> [Signal]
    /// One observation per (reference, signal).
    /// - Throws: when the store cannot be read.
    func observe(suspect: SuspectCorpus, references: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
}
