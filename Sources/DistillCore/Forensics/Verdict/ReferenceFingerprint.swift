import Foundation

/// What the store keeps of one reference model's corpus for scoring: its distinct n-gram keys per
/// width, per-document MinHash signatures and ids, and a fixed sample of whole documents (*probes*)
/// whose statistics against the other references form the null distribution.
public struct ReferenceFingerprint: Sendable {
    /// Document ids in corpus order.
    public var documentIDs: [String]
    /// Word tokens in the corpus.
    public var tokenCount: Int
    /// Distinct n-gram keys, one set per width in ``ScoringOptions/widths``.
    public var ngramSets: [NGramKeySet]
    /// The documents' word ids, encoded (``ReferenceWords``): what a store of format 3 keeps instead
    /// of ``ngramSets``.
    public var wordStreams: Data? = nil
    /// The n-gram keys found in at least ``ScoringOptions/boilerplateMinDocuments`` documents, per width.
    public var commonSets: [NGramKeySet]
    /// MinHash signatures, ``ScoringOptions/permutations`` values per document.
    public var signatures: [UInt32]
    /// The probe documents.
    public var probes: ProbeSample
    /// What reading the corpus found.
    public var summary: CorpusSummary
    /// The probe documents' id, prompt and text (same order as ``ProbeSample/documents``).
    public var probeDocuments: [ProbeDocument] = []
    /// The probe documents' word ids (not stored: the store tokenises the probe texts again).
    public var probeWordIDs: [[UInt64]] = []
    /// Each document's pairing keys, for the paired signal.
    public var pairing: PairingKeys? = nil
    /// The identities the reference is known by, and its identity-leak statistics.
    public var identity: ReferenceIdentity? = nil
    /// The reference's watermark, if it has one.
    public var watermark: WatermarkConfigRecord? = nil
    /// The style profile of the whole corpus, summarised (descriptive: scoring computes style from the probes).
    public var style: StyleSummary? = nil

    public var documentCount: Int { documentIDs.count }

    /// A fingerprint of the given parts; the optional ones are set afterwards.
    /// - Complexity: O(1).
    public init(
        documentIDs: [String], tokenCount: Int, ngramSets: [NGramKeySet], commonSets: [NGramKeySet],
        signatures: [UInt32], probes: ProbeSample, summary: CorpusSummary
    ) {
        self.commonSets = commonSets
        self.documentIDs = documentIDs
        self.tokenCount = tokenCount
        self.ngramSets = ngramSets
        self.signatures = signatures
        self.probes = probes
        self.summary = summary
    }
}

/// A reference's probe documents: evenly spaced documents kept whole (as n-gram window keys and
/// signatures), so that "how similar is an independent model to reference R, document by document"
/// can be measured against every other reference in the store.
public struct ProbeSample: Sendable, Hashable, Codable {
    /// Indexes of the probe documents in the reference corpus, ascending.
    public var documents: [Int]
    /// For each width (same order as ``ReferenceFingerprint/ngramSets``), each probe's window keys in
    /// text order.
    public var windows: [[[UInt64]]]
    /// The probes' MinHash signatures, one after another.
    public var signatures: [UInt32]

    /// A probe sample of the given documents, window keys and signatures.
    /// - Complexity: O(1).
    public init(documents: [Int], windows: [[[UInt64]]], signatures: [UInt32]) {
        self.documents = documents
        self.windows = windows
        self.signatures = signatures
    }

    /// The probe indexes for a corpus of `count` documents: `min(count, limit)` evenly spaced ones,
    /// `⌊i · count / probes⌋` for i = 0, 1, ….
    /// - Complexity: O(min(*count*, *limit*)).
    public static func indexes(documentCount count: Int, limit: Int) -> [Int] {
        let probes = min(count, max(0, limit))
        return (0..<probes).map { $0 * count / probes }
    }
}

/// Fingerprints a reference corpus for the store.
public enum ReferenceFingerprinter {
    /// Reads and fingerprints the corpus at `paths`: n-gram sets, signatures, pairing keys, and the
    /// probe documents whole (read again from the files; standard input is kept in memory instead).
    /// - Parameters:
    ///   - identity: the reference's declared identities and extra patterns; its probe statistics,
    ///     style profile and identity-leak statistics are computed when given.
    ///   - wordStreams: also encode the documents' word ids (``ReferenceFingerprint/wordStreams``).
    ///   - progress: the first pass's progress; `stage`: the name of each later step as it starts.
    /// - Throws: ``DistillError`` for unreadable or invalid input.
    /// - Complexity: O(total tokens × (widths × *n* + *k*)) hashing, plus sorting the distinct keys.
    public static func fingerprint(
        paths: [String], corpusOptions: CorpusOptions, options: ScoringOptions,
        identity: (declared: [String], patterns: IdentityPatterns?)? = nil, wordStreams: Bool = false,
        progress: ((ReadProgress) -> Void)? = nil, stage: ((String) -> Void)? = nil
    ) throws -> ReferenceFingerprint {
        var fp = options.fingerprintOptions
        fp.keepWordIDs = true
        fp.keepShingleSets = false
        fp.keepPairingKeys = true
        let fromStandardInput = paths.contains("-")
        fp.keepText = fromStandardInput
        let corpus = try CorpusFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpusOptions, options: fp, progress: progress)
        stage?("n-gram sets")
        var result = fingerprint(
            corpus, options: options, threads: corpusOptions.threads, wordStreams: wordStreams)
        let probes = result.probes.documents
        if !fromStandardInput { stage?("probe documents (second pass)") }
        let documents =
            fromStandardInput
            ? probes.map { corpus.documents[$0] }
            : try CorpusFingerprinter.documents(paths: paths, corpusOptions: corpusOptions, indexes: probes)
        guard documents.count == probes.count else {
            throw DistillError.unreadable(
                path: paths.joined(separator: " "), reason: "the corpus changed while it was read (probe documents)")
        }
        result.probeDocuments = documents.map(ProbeDocument.init)
        if let identity {
            var patterns = IdentityPatterns.standard
            if let extra = identity.patterns { patterns = patterns.merging(extra) }
            let detector = try IdentityDetector(patterns: patterns)
            var counts: [String: Int] = [:]
            for d in documents {
                for id in Set(try detector.claims(in: d.text, document: d.id).map(\.identity)) {
                    counts[id, default: 0] += 1
                }
            }
            // One more pass: the corpus's style profile and identity-leak statistics, for the record.
            stage?("style profile and identity claims (third pass)")
            let styleOptions = StyleCorpus.Options(identity: detector)
            let style =
                fromStandardInput
                ? try StyleCorpus(texts: corpus.documents.map(\.text), options: styleOptions)
                : try StyleCorpus.read(paths: paths, corpusOptions: corpusOptions, options: styleOptions)
            result.style = StyleSummary(style.profile)
            result.identity = ReferenceIdentity(
                declared: identity.declared, patterns: identity.patterns, probeDocuments: documents.count,
                probeClaims: counts, corpus: style.identity?.report(patterns: patterns))
        }
        return result
    }

    /// Fingerprints an already read corpus (it must hold word ids and signatures); `wordStreams`: also
    /// encode its word ids.
    /// - Complexity: per width *n*, O(total tokens × *n*) hashing and sorting the distinct keys
    ///   (``NGramKeySet/build(documents:n:commonMinDocuments:threads:)``), plus hashing the probes' windows.
    public static func fingerprint(
        _ corpus: FingerprintedCorpus, options: ScoringOptions, threads: Int, wordStreams: Bool = false
    ) -> ReferenceFingerprint {
        let sets = options.widths.map {
            NGramKeySet.build(
                documents: corpus.wordIDs, n: $0, commonMinDocuments: options.boilerplateMinDocuments, threads: threads)
        }
        let probeIndexes = ProbeSample.indexes(documentCount: corpus.count, limit: options.probeDocuments)
        let windows = options.widths.map { n in
            probeIndexes.map { d in Shingler.hashes(of: corpus.wordIDs[d], n: n).map(NGramKeySet.key) }
        }
        var probeSignatures: [UInt32] = []
        for d in probeIndexes { probeSignatures.append(contentsOf: corpus.signature(d)) }
        var result = ReferenceFingerprint(
            documentIDs: corpus.ids, tokenCount: corpus.wordIDs.reduce(0) { $0 + $1.count }, ngramSets: sets.map(\.all),
            commonSets: sets.map(\.common),
            signatures: corpus.signatures,
            probes: ProbeSample(documents: probeIndexes, windows: windows, signatures: probeSignatures),
            summary: corpus.summary)
        result.pairing = corpus.pairing
        if wordStreams { result.wordStreams = ReferenceWords.encode(documents: corpus.wordIDs, threads: threads) }
        result.probeWordIDs = probeIndexes.map { corpus.wordIDs[$0] }
        if corpus.documents.count == corpus.count {
            result.probeDocuments = probeIndexes.map { ProbeDocument(corpus.documents[$0]) }
        }
        return result
    }
}
