/// One kind of evidence that a suspect learnt from a reference. Each signal is scored by a
/// ``SignalScorer`` into per-document statistics, which ``ExceedanceTest`` turns into a p-value.
///
/// In JSON a signal is its ``name`` (`"ngram-8"`), so reports keep the strings they always carried.
public struct Signal: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The families of signals (docs/scoring.md defines each).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Share of a suspect document's word n-grams found only in this reference (boilerplate
        /// shared with other references discounted).
        case ngramContainment = "ngram"
        /// Best MinHash Jaccard estimate of a suspect document against the reference's documents.
        case nearDuplicate = "near-duplicate"
        /// MinHash Jaccard estimate of a suspect document against the reference's answer to the same
        /// prompt (paired by id, else by prompt text).
        case pairedJaccard = "paired-jaccard"
        /// Cosine similarity of a document's z-scored function-word and frequent-word profile to the
        /// reference's (Cosine Delta): corroborating only.
        case style
        /// The document names itself as one of the reference's identities.
        case identity
        /// Watermark radioactivity of the whole suspect corpus under the reference's key.
        case watermark
        /// Paired per-prompt sign tests (``PairedPromptScorer``): the suspect's answer is closer to the
        /// reference's answer to the same prompt than an independent model's answer is, by word n-grams,
        /// syntactic templates, or layout.
        case pairedLexical = "paired-lexical"
        case pairedTemplate = "paired-template"
        case pairedFormat = "paired-format"
    }

    public var kind: Kind
    /// The signal's parameter, such as the n-gram width.
    public var parameter: Int?

    /// A signal of `kind`, with its parameter (such as the n-gram width).
    /// - Complexity: O(1).
    public init(kind: Kind, parameter: Int? = nil) {
        self.kind = kind
        self.parameter = parameter
    }

    /// The n-gram containment signal of width `n`.
    /// - Complexity: O(1).
    public static func ngram(_ n: Int) -> Signal { Signal(kind: .ngramContainment, parameter: n) }
    public static let nearDuplicate = Signal(kind: .nearDuplicate)
    public static let pairedJaccard = Signal(kind: .pairedJaccard)
    public static let style = Signal(kind: .style)
    public static let identity = Signal(kind: .identity)
    public static let watermark = Signal(kind: .watermark)
    public static let pairedLexical = Signal(kind: .pairedLexical)
    public static let pairedTemplate = Signal(kind: .pairedTemplate)
    public static let pairedFormat = Signal(kind: .pairedFormat)

    /// The signal's name in reports and configuration files: `ngram-8`, `near-duplicate`.
    public var name: String { parameter.map { "\(kind.rawValue)-\($0)" } ?? kind.rawValue }
    public var description: String { name }

    /// The signal named `name` (``name``'s inverse: `ngram-8`, `near-duplicate`), or nil for an unknown name.
    /// - Complexity: O(*n*) in the length of `name`.
    public init?(name: String) {
        if let kind = Kind(rawValue: name) {
            self.init(kind: kind)
            return
        }
        guard let dash = name.lastIndex(of: "-"), let kind = Kind(rawValue: String(name[..<dash])),
            let parameter = Int(name[name.index(after: dash)...]), String(parameter) == name[name.index(after: dash)...]
        else { return nil }
        self.init(kind: kind, parameter: parameter)
    }

    /// Orders signals by kind name, then parameter.
    /// - Complexity: O(1).
    public static func < (a: Signal, b: Signal) -> Bool {
        (a.kind.rawValue, a.parameter ?? 0) < (b.kind.rawValue, b.parameter ?? 0)
    }
}

extension Signal {
    /// Decodes a signal from its name.
    /// - Throws: `DecodingError.dataCorrupted` for an unknown name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let signal = Signal(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown signal \(DistillError.excerpt(name, limit: 60).debugDescription)")
        }
        self = signal
    }

    /// Encodes the signal as its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// A signal's per-document statistics for one reference: the suspect's documents, and the null —
/// the probe documents of every *other* reference, scored against this one the same way.
public struct SignalObservation: Sendable {
    /// Probe statistics of one other (independent) reference.
    public struct NullGroup: Sendable {
        public var reference: Int
        public var values: [Double]
        /// The group's name in reports when it is not a reference's probes ("prompt-shuffled").
        public var label: String?

        /// The probe statistics of reference `reference`, or of a labelled group.
        /// - Complexity: O(1).
        public init(reference: Int, values: [Double], label: String? = nil) {
            self.reference = reference
            self.values = values
            self.label = label
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
    /// Whether the signal's p-value takes part in the decision. Corroborating signals (style) are
    /// tested and reported the same way but never name a parent on their own.
    public var usedInDecision: Bool
    /// Whether a document must also exceed the pooled null's quantile τ. Off for yes/no statistics
    /// (identity), where τ would jump between 0 and 1: a document then counts when it reaches the floor.
    public var usesNullQuantile: Bool
    /// An exact corpus-level test that replaces the exceedance test (watermark radioactivity).
    public var exact: ExactTest?
    /// Why the signal was not tested, when it was not (the p-value is then 1).
    public var untested: String?
    /// What would let the signal be tested, when something would.
    public var remedy: Remedy?
    /// Paired per-prompt comparisons with each independent model (paired signals).
    public var paired: [PairedComparison] = []
    /// Paired per-prompt comparisons with each of the reference's siblings: the suspect's answer closer
    /// to this reference's answer than to the sibling's (paired signals, references with siblings).
    public var siblings: [PairedComparison] = []
    /// The decisive independent model when it itself looks derived from the reference (paired signals).
    public var nullAudit: NullAudit?

    /// A corpus-level test whose p-value is exact under the null by construction.
    public struct ExactTest: Sendable {
        public var log10PValue: Double
        /// The test's outcome in a sentence ("9161 distinct tuples scored, 3794 green ...").
        public var detail: String

        /// An exact test's log10 p-value and outcome sentence.
        /// - Complexity: O(1).
        public init(log10PValue: Double, detail: String) {
            self.log10PValue = log10PValue
            self.detail = detail
        }
    }

    /// The statistics of `signal` for reference `reference`.
    /// - Complexity: O(1).
    public init(
        signal: Signal, reference: Int, suspect: [Double], null: [NullGroup], floor: Double, method: String,
        evidence: [EvidenceItem] = [], measures: [String: Double] = [:], usedInDecision: Bool = true,
        usesNullQuantile: Bool = true, exact: ExactTest? = nil, untested: String? = nil
    ) {
        self.signal = signal
        self.reference = reference
        self.suspect = suspect
        self.null = null
        self.floor = floor
        self.method = method
        self.evidence = evidence
        self.measures = measures
        self.usedInDecision = usedInDecision
        self.usesNullQuantile = usesNullQuantile
        self.exact = exact
        self.untested = untested
    }

    /// An observation that could not be tested, with the reason.
    /// - Complexity: O(*documents*): the suspect's statistics are all written as 0.
    public static func untested(
        _ signal: Signal, reference: Int, documents: Int, method: String, reason: String, remedy: Remedy? = nil,
        usedInDecision: Bool = true
    ) -> SignalObservation {
        var o = SignalObservation(
            signal: signal, reference: reference, suspect: [Double](repeating: 0, count: documents), null: [],
            floor: 1, method: method, usedInDecision: usedInDecision, untested: reason)
        o.remedy = remedy
        return o
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
