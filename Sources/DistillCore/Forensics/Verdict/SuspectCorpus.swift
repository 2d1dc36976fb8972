/// A suspect corpus read for scoring: documents (text kept for evidence), word ids and signatures.
public struct SuspectCorpus: Sendable {
    public var corpus: FingerprintedCorpus
    /// The path the corpus was read from, for reports.
    public var path: String

    public var count: Int { corpus.count }

    /// A suspect corpus already read from `path`.
    /// - Complexity: O(1).
    public init(corpus: FingerprintedCorpus, path: String) {
        self.corpus = corpus
        self.path = path
    }

    /// Reads and fingerprints the suspect at `paths` with the store's options.
    /// - Throws: ``DistillError`` for unreadable or invalid input.
    /// - Complexity: one pass over the input, as
    ///   ``CorpusFingerprinter/fingerprint(paths:corpusOptions:options:progress:)``; the texts are kept.
    public static func read(
        paths: [String], corpusOptions: CorpusOptions, options: ScoringOptions,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> SuspectCorpus {
        var fp = options.fingerprintOptions
        fp.keepText = true
        // No scorer reads the shingle sets (signatures are made from the shingles as read): ~1.6 kB a
        // 200-word document not held.
        fp.keepShingleSets = false
        StageTrace.mark("read suspect: start")
        let corpus = try CorpusFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpusOptions, options: fp, progress: progress)
        StageTrace.mark("read suspect: \(corpus.count) documents")
        return SuspectCorpus(corpus: corpus, path: paths.joined(separator: " "))
    }
}

/// One piece of evidence: where in the suspect, what it matched, how strong.
public struct EvidenceItem: Sendable, Hashable, Codable {
    /// The suspect document's id and where its record starts (file and line).
    public var suspectID: String
    public var location: InputLocation
    /// Token range in the suspect document (normalised word tokens), when the evidence is a span.
    public var tokenStart: Int?
    public var tokenEnd: Int?
    /// The matching reference document, when known.
    public var referenceID: String?
    /// Strength: shared n-gram windows of the span, or the Jaccard estimate.
    public var strength: Double
    /// The suspect's original text of the span (bounded).
    public var excerpt: String

    /// The reference's answer to the same prompt (bounded), for paired evidence: the two sides to
    /// read next to each other.
    public var referenceExcerpt: String?

    /// Evidence in suspect document `suspectID`, with its strength and excerpts.
    /// - Complexity: O(1).
    public init(
        suspectID: String, location: InputLocation, tokenStart: Int? = nil, tokenEnd: Int? = nil,
        referenceID: String? = nil, strength: Double, excerpt: String, referenceExcerpt: String? = nil
    ) {
        self.referenceExcerpt = referenceExcerpt
        self.suspectID = suspectID
        self.location = location
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        self.referenceID = referenceID
        self.strength = strength
        self.excerpt = excerpt
    }
}

extension SuspectCorpus {
    /// The corpus without the documents `keep` rejects (for example known boilerplate documents).
    /// - Complexity: O(*n* + *k* × *m*) for *n* documents of which *m* are kept, *k* signature values each;
    ///   O(*n*) calls of `keep`, and no copy when every document is kept.
    public func filtered(_ keep: (Document) -> Bool) -> SuspectCorpus {
        var out = corpus
        let k = corpus.permutations
        let kept = corpus.documents.indices.filter { keep(corpus.documents[$0]) }
        if kept.count == corpus.count { return self }
        out.ids = kept.map { corpus.ids[$0] }
        out.documents = kept.map { corpus.documents[$0] }
        out.wordIDs = corpus.wordIDs.isEmpty ? [] : kept.map { corpus.wordIDs[$0] }
        out.shingleSets = corpus.shingleSets.isEmpty ? [] : kept.map { corpus.shingleSets[$0] }
        out.signatures = corpus.signatures.isEmpty ? [] : kept.flatMap { corpus.signatures[($0 * k)..<(($0 + 1) * k)] }
        return SuspectCorpus(corpus: out, path: path)
    }
}
