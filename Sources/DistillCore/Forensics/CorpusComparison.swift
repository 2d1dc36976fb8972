import Foundation

/// Comparing a suspect corpus with a teacher corpus as one call: n-gram overlap (exact spans, paired
/// and unpaired containment), near-duplicates, style and identity claims, and a plain sentence that
/// says what was found. The CLI's `compare` is parsing, this call and rendering.
///
/// ```swift
/// let result = try CorpusComparison.compare(
///     teacher: "teacher.jsonl.gz", suspect: "student.jsonl.gz")
/// print(result.summary)
/// ```
///
/// Descriptive: with no independent models there is nothing to calibrate against, so it reports what
/// is shared, not a p-value (``SuspectScorer`` against a store of references does that).
public enum CorpusComparison {
    /// How the corpora are read, fingerprinted and compared. The shingle width of the near-duplicate
    /// search is the fingerprints' own (`fingerprint.shingleWidth`), so the two cannot disagree.
    public struct Options: Sendable {
        public var corpus: CorpusOptions
        /// MinHash shingle width, permutations and seed; which parts are kept is decided here.
        public var fingerprint: FingerprintOptions
        public var overlap: OverlapOptions
        /// The identity claims to look for (default: the standard patterns); nil skips the style and
        /// identity sections.
        public var identity: IdentityDetector?
        public var threads: Int

        /// Options with the given corpus reading, fingerprinting, overlap, identity patterns and threads.
        /// - Complexity: O(1), plus building the default ``IdentityDetector`` when `identity` is not given.
        public init(
            corpus: CorpusOptions = CorpusOptions(), fingerprint: FingerprintOptions = FingerprintOptions(),
            overlap: OverlapOptions = OverlapOptions(), identity: IdentityDetector? = try? IdentityDetector(),
            threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.corpus = corpus
            self.fingerprint = fingerprint
            self.overlap = overlap
            self.identity = identity
            self.threads = threads
        }
    }

    /// Everything a comparison found.
    public struct Result: Sendable {
        public var teacher: FingerprintedCorpus
        public var suspect: FingerprintedCorpus
        public var background: FingerprintedCorpus?
        public var overlap: OverlapReport
        /// Style of both corpora and how far apart (nil when skipped).
        public var style: ComparisonStyle?
        /// Identity claims of both corpora (nil when skipped).
        public var identity: ComparisonIdentity?
        /// One plain sentence: does the suspect look derived from the teacher, on what evidence.
        public var summary: String
    }

    /// Compares `suspect` with `teacher`; n-grams of `background` (another model's outputs) are
    /// boilerplate. `-` (standard input) may be one of the three.
    /// - Throws: ``DistillError`` for unreadable or malformed input, or `-` given twice.
    /// - Complexity: O(total bytes) to read and fingerprint (each corpus read once; style and identity
    ///   are profiled from the texts the fingerprints keep), then ``OverlapComparison/compare(suspect:reference:background:options:shingleWidth:threads:)``.
    public static func compare(
        teacher: String, suspect: String, background: String? = nil, options: Options = Options(),
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> Result {
        if [teacher, suspect, background].filter({ $0 == "-" }).count > 1 {
            throw DistillError.invalidOption(name: "corpora", reason: "standard input (-) can be only one of them")
        }
        var corpusOptions = options.corpus
        corpusOptions.threads = options.threads
        var fingerprintOptions = options.fingerprint
        fingerprintOptions.keepWordIDs = true
        fingerprintOptions.keepText = true
        fingerprintOptions.computeSignatures = options.overlap.nearDuplicates
        fingerprintOptions.keepShingleSets = false  // computed from the word ids where needed
        func fingerprint(_ path: String) throws -> FingerprintedCorpus {
            try CorpusFingerprinter.fingerprint(
                paths: [path], corpusOptions: corpusOptions, options: fingerprintOptions, progress: progress)
        }
        let t = try fingerprint(teacher)
        let s = try fingerprint(suspect)
        let b = try background.map(fingerprint)
        var style: ComparisonStyle?
        var identity: ComparisonIdentity?
        if let detector = options.identity {
            (style, identity) = try profile(
                teacher: t, suspect: s, background: b, detector: detector, threads: options.threads)
        }
        let overlap = OverlapComparison.compare(
            suspect: s, reference: t, background: b, options: options.overlap,
            shingleWidth: fingerprintOptions.shingleWidth, threads: options.threads)
        return Result(
            teacher: t, suspect: s, background: b, overlap: overlap, style: style, identity: identity,
            summary: summarize(overlap: overlap, identity: identity))
    }

    /// Profiles the corpora's style and scans them for identity claims, from the texts the
    /// fingerprints kept (no second read of any input).
    static func profile(
        teacher: FingerprintedCorpus, suspect: FingerprintedCorpus, background: FingerprintedCorpus?,
        detector: IdentityDetector, threads: Int
    ) throws -> (ComparisonStyle, ComparisonIdentity) {
        let options = StyleCorpus.Options(identity: detector)
        func style(_ c: FingerprintedCorpus, _ options: StyleCorpus.Options) throws -> StyleCorpus {
            try StyleCorpus(documents: c.documents, summary: c.summary, options: options, threads: threads)
        }
        let t = try style(teacher, options)
        let s = try style(suspect, options)
        let b = try background.map { try style($0, StyleCorpus.Options()) }
        let style = ComparisonStyle(
            teacher: StyleSummary(t.profile), suspect: StyleSummary(s.profile),
            background: b.map { StyleSummary($0.profile) },
            suspectVsTeacher: StyleComparison(s.profile, t.profile),
            suspectVsBackground: b.map { StyleComparison(s.profile, $0.profile) })
        let identity = ComparisonIdentity(
            teacher: (t.identity ?? IdentityTally()).report(patterns: detector.patterns),
            suspect: (s.identity ?? IdentityTally()).report(patterns: detector.patterns))
        return (style, identity)
    }

    /// The plain-sentence reading of the numbers: what is shared, never a p-value.
    /// - Complexity: O(*w* + *e* + *r*) for *w* n-gram widths, the *e* evidence spans of the widest and *r*
    ///   identity rates.
    public static func summarize(overlap o: OverlapReport, identity: ComparisonIdentity?) -> String {
        var found: [String] = []
        if let w = o.widths.max(by: { $0.n < $1.n }), w.evidenceSpans > 0 {
            let longest = w.evidence.map(\.tokens).max() ?? w.n
            found.append(
                "\(w.evidenceSpans) passage\(w.evidenceSpans == 1 ? "" : "s") of \(w.n)+ tokens that are not boilerplate "
                    + "appear in both (longest \(longest) tokens; \(String(format: "%.2f", 100 * w.corpusContainment))% of the "
                    + "suspect's \(w.n)-gram windows)")
        }
        if o.nearDuplicates.total > 0 {
            found.append(
                "\(o.nearDuplicates.total) suspect document\(o.nearDuplicates.total == 1 ? " is a near-duplicate" : "s are near-duplicates") of teacher documents"
            )
        }
        if let identity {
            let teacherNames = Set(identity.teacher.rates.map(\.identity))
            let shared = identity.suspect.rates.filter { teacherNames.contains($0.identity) }
            if let top = shared.first {
                found.append(
                    "the suspect names itself \(top.label), as the teacher does, in \(top.documents) of "
                        + "\(identity.suspect.documents) documents")
            }
        }
        if found.isEmpty {
            return "No sign that the suspect was derived from the teacher: no shared passages beyond boilerplate, "
                + "no near-duplicates, no teacher identity claims. (Descriptive; `score` against a store of "
                + "references gives a calibrated verdict.)"
        }
        return "The suspect looks derived from the teacher: " + found.joined(separator: "; ")
            + ". (Descriptive; `score` against a store of references gives a calibrated verdict.)"
    }
}

/// The style section of a comparison: profiles of both corpora (and the background) and how far apart.
public struct ComparisonStyle: Sendable, Codable {
    public var teacher: StyleSummary
    public var suspect: StyleSummary
    public var background: StyleSummary?
    /// Suspect against teacher.
    public var suspectVsTeacher: StyleComparison
    /// Suspect against the background, when there is one.
    public var suspectVsBackground: StyleComparison?
}

/// The identity section of a comparison: which models each corpus names itself as.
public struct ComparisonIdentity: Sendable, Codable {
    public var teacher: IdentityReport
    public var suspect: IdentityReport
}
