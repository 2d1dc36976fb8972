/// Exact n-gram overlap and near-duplicate search between a suspect and one reference corpus.
public struct OverlapSection: Sendable, Codable, Equatable {
    /// Overlap at one n-gram width.
    public struct Width: Sendable, Codable, Equatable {
        public var n: Int
        /// Shared non-boilerplate windows over non-boilerplate windows of the whole suspect corpus.
        public var corpusContainment: Double
        public var windows: Int
        public var sharedWindows: Int
        public var boilerplateWindows: Int
        /// Per suspect document: containment in the whole reference corpus.
        public var unpairedContainment: ValueSummary
        /// Per pair: containment of the suspect document's n-grams in its partner's.
        public var pairedContainment: ValueSummary?
        /// Per-document containment in the whole reference, in 20 buckets over [0, 1].
        public var containmentHistogram: ReportHistogram?
        public var evidenceSpans: Int
        public var boilerplateSpans: Int

        public init(
            n: Int, corpusContainment: Double, windows: Int, sharedWindows: Int, boilerplateWindows: Int,
            unpairedContainment: ValueSummary, pairedContainment: ValueSummary?,
            containmentHistogram: ReportHistogram?, evidenceSpans: Int, boilerplateSpans: Int
        ) {
            self.n = n
            self.corpusContainment = corpusContainment
            self.windows = windows
            self.sharedWindows = sharedWindows
            self.boilerplateWindows = boilerplateWindows
            self.unpairedContainment = unpairedContainment
            self.pairedContainment = pairedContainment
            self.containmentHistogram = containmentHistogram
            self.evidenceSpans = evidenceSpans
            self.boilerplateSpans = boilerplateSpans
        }
    }

    /// Jaccard similarity of shingle sets.
    public struct Jaccard: Sendable, Codable, Equatable {
        public var shingleWidth: Int
        public var paired: ValueSummary?
        /// Per suspect document, the best Jaccard with any reference document found by the search.
        public var unpairedBest: ValueSummary

        public init(shingleWidth: Int, paired: ValueSummary?, unpairedBest: ValueSummary) {
            self.shingleWidth = shingleWidth
            self.paired = paired
            self.unpairedBest = unpairedBest
        }
    }

    /// One near-duplicate pair.
    public struct NearDuplicate: Sendable, Codable, Equatable {
        public var suspectID: String
        public var referenceID: String
        public var jaccard: Double

        public init(suspectID: String, referenceID: String, jaccard: Double) {
            self.suspectID = suspectID
            self.referenceID = referenceID
            self.jaccard = jaccard
        }
    }

    /// The near-duplicate search (MinHash + LSH, verified by exact Jaccard).
    public struct NearDuplicates: Sendable, Codable, Equatable {
        public var threshold: Double
        public var permutations: Int
        public var bands: Int
        public var rows: Int
        public var candidates: Int
        public var verified: Int
        public var pairs: CappedList<NearDuplicate>

        public init(
            threshold: Double, permutations: Int, bands: Int, rows: Int, candidates: Int, verified: Int,
            pairs: CappedList<NearDuplicate>
        ) {
            self.threshold = threshold
            self.permutations = permutations
            self.bands = bands
            self.rows = rows
            self.candidates = candidates
            self.verified = verified
            self.pairs = pairs
        }
    }

    /// A phrase common in the reference or the background: met, but never evidence.
    public struct BoilerplatePhrase: Sendable, Codable, Equatable {
        public var n: Int
        public var text: String
        public var occurrences: Int

        public init(n: Int, text: String, occurrences: Int) {
            self.n = n
            self.text = text
            self.occurrences = occurrences
        }
    }

    /// The reference corpus's name (its role or model name).
    public var reference: String
    public var suspectDocuments: Int
    public var referenceDocuments: Int
    /// `id`, `prompt` or `none`.
    public var pairing: String
    public var pairs: Int
    public var boilerplateMinDocuments: Int
    public var widths: [Width]
    public var jaccard: Jaccard
    public var nearDuplicates: NearDuplicates?
    public var boilerplate: [BoilerplatePhrase]
    /// Shared spans, strongest first, with both sides' text.
    public var evidence: CappedList<EvidencePair>

    public init(
        reference: String, suspectDocuments: Int, referenceDocuments: Int, pairing: String, pairs: Int,
        boilerplateMinDocuments: Int, widths: [Width], jaccard: Jaccard, nearDuplicates: NearDuplicates?,
        boilerplate: [BoilerplatePhrase], evidence: CappedList<EvidencePair>
    ) {
        self.reference = reference
        self.suspectDocuments = suspectDocuments
        self.referenceDocuments = referenceDocuments
        self.pairing = pairing
        self.pairs = pairs
        self.boilerplateMinDocuments = boilerplateMinDocuments
        self.widths = widths
        self.jaccard = jaccard
        self.nearDuplicates = nearDuplicates
        self.boilerplate = boilerplate
        self.evidence = evidence
    }
}
