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
    public init(
        options: VerdictOptions = VerdictOptions(), ignoredKeys: [[UInt64]] = [], watermarkKeys: [WatermarkKey] = [],
        watermarkTokenizers: [String: SubwordTokenizer] = [:], identityPatterns: IdentityPatterns? = nil
    ) {
        self.options = options
        self.scorers = [
            NGramContainmentScorer(ignoredKeys: ignoredKeys, verdictOptions: options),
            NearDuplicateScorer(verdictOptions: options),
            PairedJaccardScorer(verdictOptions: options),
            IdentityScorer(verdictOptions: options, extraPatterns: identityPatterns),
            WatermarkScorer(keys: watermarkKeys, tokenizers: watermarkTokenizers),
            StyleScorer(),
        ]
    }

    public init(scorers: [any SignalScorer], options: VerdictOptions) {
        self.scorers = scorers
        self.options = options
    }

    /// Scores `suspect` against `source`.
    /// - Throws: when the store cannot be read.
    /// - Complexity: O(suspect windows × log) to index the suspect once, then per reference a merge
    ///   join with its n-gram keys and an LSH query of the suspect's signatures.
    public func score(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> ScoreReport
    {
        let names = source.references.map(\.name)
        var observations: [SignalObservation] = []
        for scorer in scorers {
            observations += try scorer.observe(suspect: suspect, references: source, threads: threads)
        }
        var verdicts: [ReferenceVerdict] = []
        for (r, info) in source.references.enumerated() {
            let results = observations.filter { $0.reference == r }.sorted { $0.signal < $1.signal }.map {
                ExceedanceTest.evaluate($0, referenceNames: names, options: options)
            }
            // Bonferroni over the signals that take part in the decision and were tested; which those
            // are depends on the store and the options, never on the suspect's values.
            let deciding = results.filter { $0.usedInDecision && $0.note == nil }
            let strongest =
                deciding.min { ($0.log10PValue, $0.signal) < ($1.log10PValue, $1.signal) }
                ?? results.first { $0.usedInDecision }
            let p = min(0, (deciding.isEmpty ? 0 : strongest!.log10PValue) + log10(Double(max(1, deciding.count))))
            verdicts.append(
                ReferenceVerdict(
                    reference: info.name, description: info.description, documents: info.documentCount,
                    signals: results, strongestSignal: strongest?.signal, log10PValue: p, log10AdjustedPValue: p,
                    parentFound: false, summary: ""))
        }
        let adjusted = HolmBonferroni.adjust(log10PValues: verdicts.map(\.log10PValue))
        let threshold = log10(options.alpha)
        for i in verdicts.indices {
            verdicts[i].log10AdjustedPValue = adjusted[i]
            verdicts[i].parentFound = adjusted[i] <= threshold
            verdicts[i].summary = VerdictSummary.reference(verdicts[i], alpha: options.alpha)
        }
        let parents = verdicts.filter(\.parentFound).sorted {
            ($0.log10AdjustedPValue, $0.reference) < ($1.log10AdjustedPValue, $1.reference)
        }
        let decision = ScoreReport.Decision(
            parentFound: !parents.isEmpty, parents: parents.map(\.reference),
            summary: VerdictSummary.decision(verdicts, parents: parents, alpha: options.alpha))
        return ScoreReport(
            schemaVersion: 1, command: "score", suspect: suspect.path, suspectDocuments: suspect.count,
            options: source.options, verdictOptions: options, references: verdicts, decision: decision)
    }
}
