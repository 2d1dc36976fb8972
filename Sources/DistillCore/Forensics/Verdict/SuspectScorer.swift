import Foundation

/// Scores a suspect against every reference of a store and decides: each signal's p-value
/// (``ExceedanceTest``, or an exact test), a reference's p-value (smallest p-value of the deciding
/// signals × their number, Bonferroni), Holm–Bonferroni over the references, and a parent named only
/// when its adjusted p-value is at most ``VerdictOptions/alpha``. "No parent found" is the normal
/// outcome. Corroborating signals (style) are reported with their p-values but do not decide.
public struct SuspectScorer: Sendable {
    public var scorers: [any SignalScorer]
    public var options: VerdictOptions

    /// Every scorer: n-gram containment at the store's widths, near-duplicates, paired answers,
    /// identity claims, the watermark of references that have one, and style (corroborating).
    /// - Parameters:
    ///   - ignoredKeys: n-gram keys per width that never count as evidence (scan configuration).
    ///   - watermarkKeys: keys for references whose watermark key is not stored (matched by fingerprint).
    ///   - watermarkTokenizers: tokenizers of token-mode watermarks, by the SHA-256 (hex) of their file.
    ///   - identityPatterns: identity patterns added for this run.
    ///   - synthIDKeys: SynthID key sets for references whose keys are not stored (matched by fingerprint).
    /// - Complexity: O(*k* log *k*) for the default *k* permutations: ``NearDuplicateScorer`` (in ``SignatureScorer``) chooses its banding here.
    public init(
        options: VerdictOptions = VerdictOptions(), ignoredKeys: [[UInt64]] = [], watermarkKeys: [WatermarkKey] = [],
        watermarkTokenizers: [String: SubwordTokenizer] = [:], identityPatterns: IdentityPatterns? = nil,
        synthIDKeys: [[Int64]] = []
    ) {
        self.options = options
        self.scorers = [
            NGramContainmentScorer(ignoredKeys: ignoredKeys, verdictOptions: options),
            SignatureScorer(verdictOptions: options),
            PairedPromptScorer(verdictOptions: options),
            IdentityScorer(verdictOptions: options, extraPatterns: identityPatterns),
            WatermarkScorer(keys: watermarkKeys, tokenizers: watermarkTokenizers, synthIDKeys: synthIDKeys),
            StyleScorer(),
        ]
    }

    /// A scorer running `scorers` and deciding with `options`.
    /// - Complexity: O(1).
    public init(scorers: [any SignalScorer], options: VerdictOptions) {
        self.scorers = scorers
        self.options = options
    }

    /// Reads the suspect corpus at `paths` (fingerprinted as the references were) and scores it.
    /// - Parameter progress: reading progress, then the scoring stages as in
    ///   ``score(suspect:references:threads:progress:)``.
    /// - Throws: ``DistillError`` for unreadable or malformed input, and
    ///   ``DistillError/noDocumentsRead(path:)`` when no document was read (nothing scored is not
    ///   "no parent found").
    /// - Complexity: one pass over the input to fingerprint the suspect, then
    ///   ``score(suspect:references:threads:progress:)``.
    public func score(
        paths: [String], corpus: CorpusOptions = CorpusOptions(), references source: any ReferenceSource,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        reading: ((ReadProgress) -> Void)? = nil,
        progress: ((_ stage: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> (suspect: SuspectCorpus, report: ScoreReport) {
        var corpusOptions = corpus
        corpusOptions.threads = threads
        let suspect = try SuspectCorpus.read(
            paths: paths, corpusOptions: corpusOptions, options: source.options, progress: reading)
        // Reading leaves freed buffers in every thread's heap: hand them back before scoring.
        MemoryRelease.releaseFreePages()
        if suspect.count == 0 { throw DistillError.noDocumentsRead(path: paths.joined(separator: " ")) }
        return (suspect, try score(suspect: suspect, references: source, threads: threads, progress: progress))
    }

    /// Scores `suspect` against `source`.
    /// - Parameter progress: called before each stage (a scorer: its signals' names) and once at the end
    ///   with `done == total`, on the calling thread.
    /// - Throws: when the store cannot be read.
    /// - Complexity: O(suspect windows × log) to index the suspect once, then per reference a merge
    ///   join with its n-gram keys and an LSH query of the suspect's signatures.
    public func score(
        suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int,
        progress: ((_ stage: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> ScoreReport {
        let refs = source.references
        let names = refs.map(\.name)
        var observations: [SignalObservation] = []
        for (k, scorer) in scorers.enumerated() {
            progress?(
                scorer.signals(options: source.options).map(\.description).joined(separator: ", "), k, scorers.count)
            StageTrace.mark("scorer \(k) start")
            observations += try scorer.observe(suspect: suspect, references: source, threads: threads)
            StageTrace.mark("scorer \(k) done: \(scorer.signals(options: source.options).map(\.description))")
            // Each scorer's peak stays its own: what it freed is not left resident for the next one.
            MemoryRelease.releaseFreePages()
        }
        progress?("verdict", scorers.count, scorers.count)
        var verdicts: [ReferenceVerdict] = []
        for (r, info) in refs.enumerated() {
            let results = observations.filter { $0.reference == r }.sorted { $0.signal < $1.signal }.map {
                ExceedanceTest.evaluate($0, referenceNames: names, options: options)
            }
            // Bonferroni over the signals that take part in the decision and were tested; which those
            // are depends on the store and the options, never on the suspect's values.
            let deciding = results.filter { $0.usedInDecision && $0.note == nil }
            let strongest =
                deciding.min { ($0.log10PValue, $0.signal.name) < ($1.log10PValue, $1.signal.name) }
                ?? results.first { $0.usedInDecision }
            var p = min(0, (deciding.isEmpty ? 0 : strongest!.log10PValue) + log10(Double(max(1, deciding.count))))
            if info.role == .baseline || refs.independent(of: r).isEmpty { p = 0 }
            verdicts.append(
                ReferenceVerdict(
                    reference: info.name, description: info.description, documents: info.documentCount,
                    signals: results, strongestSignal: strongest?.signal, log10PValue: p, log10AdjustedPValue: p,
                    parentFound: false, summary: "", family: info.family, role: info.role))
        }
        // Holm over the references that can be named: candidates with at least one independent model.
        let tested = refs.testableCandidates
        let adjusted = HolmBonferroni.adjust(log10PValues: tested.map { verdicts[$0].log10PValue })
        let threshold = log10(options.alpha)
        for (i, r) in tested.enumerated() {
            verdicts[r].log10AdjustedPValue = adjusted[i]
            verdicts[r].parentFound = adjusted[i] <= threshold
        }
        // Within a family that holds a parent, every candidate member is tested against its siblings
        // (paired per-prompt tests from the suspect's side); the member is named only when one beats
        // each of its siblings, whether or not its own test against the independent models decided.
        let parentFamilies = Set(refs.indices.filter { verdicts[$0].parentFound }.map { refs[$0].family })
        for r in refs.indices
        where refs[r].role == .candidate && parentFamilies.contains(refs[r].family) && !refs.siblings(of: r).isEmpty {
            let member = Self.memberTest(verdicts[r].signals)
            verdicts[r].log10MemberPValue = member
            verdicts[r].memberDetermined = member.map { $0 <= threshold } ?? false
        }
        for r in refs.indices {
            verdicts[r].summary = VerdictSummary.reference(
                verdicts[r], alpha: options.alpha, testable: !refs.independent(of: r).isEmpty)
        }
        let parents = verdicts.filter(\.parentFound).sorted {
            ($0.log10AdjustedPValue, $0.reference) < ($1.log10AdjustedPValue, $1.reference)
        }
        let family = parents.first?.family
        let member =
            verdicts.filter {
                $0.family == family && ($0.memberDetermined == true || ($0.memberDetermined == nil && $0.parentFound))
            }.min { ($0.log10MemberPValue ?? 0, $0.reference) < ($1.log10MemberPValue ?? 0, $1.reference) }?.reference
        let paired = verdicts.contains { v in
            v.signals.contains { $0.paired != nil && $0.note == nil }
        }
        let decision = ScoreReport.Decision(
            parentFound: !parents.isEmpty, parents: parents.map(\.reference),
            summary: VerdictSummary.decision(
                verdicts, parents: parents, family: family, member: member, paired: paired, alpha: options.alpha),
            family: family, member: member, paired: paired)
        return ScoreReport(
            schemaVersion: ReportSchemaVersion.current, command: "score", suspect: suspect.path,
            suspectDocuments: suspect.count,
            options: source.options, verdictOptions: options, references: verdicts, decision: decision)
    }

    /// log10 p that the suspect is closer to this member than to each of its siblings: per sibling, the
    /// smallest p-value over the paired measures times their number (Bonferroni); the largest over the
    /// siblings (each must be beaten). Nil when no paired measure compared the siblings.
    static func memberTest(_ signals: [SignalResult]) -> Double? {
        let paired = signals.filter { $0.siblings != nil && $0.usedInDecision && $0.note == nil }
        guard !paired.isEmpty else { return nil }
        var bySibling: [String: Double] = [:]
        for s in paired {
            for c in s.siblings! { bySibling[c.against] = min(bySibling[c.against] ?? 0, c.log10PValue) }
        }
        guard !bySibling.isEmpty else { return nil }
        return bySibling.values.map { min(0, $0 + log10(Double(paired.count))) }.max()
    }
}
