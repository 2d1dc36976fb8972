import DistillCore

/// Builds the report's ``OverlapSection`` from the engine's `OverlapReport`, quoting each evidence
/// span inside a little of its surrounding text so the reader sees it in context.
public enum OverlapSectionMapper {
    /// - Parameters:
    ///   - report: the engine's comparison result.
    ///   - suspect: the suspect documents (their text gives the evidence context).
    ///   - reference: the reference documents.
    ///   - referenceName: what to call the reference in the report.
    ///   - contextCharacters: characters of context kept on each side of a shared span.
    /// - Returns: the section, with evidence from the widest n-gram width that found any.
    /// - Complexity: O(documents + evidence × context).
    public static func section(
        from report: OverlapReport, suspect: [Document], reference: [Document], referenceName: String,
        contextCharacters: Int = 160
    ) -> OverlapSection {
        let widths = report.widths.map { w in
            OverlapSection.Width(
                n: w.n, corpusContainment: w.corpusContainment, windows: w.windows, sharedWindows: w.sharedWindows,
                boilerplateWindows: w.boilerplateWindows, unpairedContainment: summary(w.unpairedContainment),
                pairedContainment: w.pairedContainment.map(summary),
                containmentHistogram: ReportHistogram(unitIntervalCounts: w.containmentHistogram),
                evidenceSpans: w.evidenceSpans, boilerplateSpans: w.boilerplateSpans)
        }
        let source = report.widths.filter { !$0.evidence.isEmpty }.max { $0.n < $1.n }
        var evidence: [EvidencePair] = []
        if let source {
            let suspectText = texts(of: suspect, ids: Set(source.evidence.map(\.suspectID)))
            let referenceText = texts(of: reference, ids: Set(source.evidence.map(\.referenceID)))
            let context = EvidenceContext(characters: contextCharacters)
            evidence = source.evidence.map { e in
                EvidencePair(
                    n: source.n, tokens: e.tokens,
                    suspect: EvidencePassage(
                        documentID: e.suspectID, tokenStart: e.suspectStart, tokenEnd: e.suspectEnd,
                        segments: context.segments(of: e.suspectText, in: suspectText[e.suspectID], at: e.suspectOffset)
                    ),
                    reference: EvidencePassage(
                        documentID: e.referenceID, tokenStart: e.referenceStart, tokenEnd: e.referenceEnd,
                        segments: context.segments(
                            of: e.referenceText, in: referenceText[e.referenceID], at: e.referenceOffset)))
            }
        }
        let nd = report.nearDuplicates
        let nearDuplicates: OverlapSection.NearDuplicates? =
            nd.statistics.parameters.bands == 0
            ? nil
            : OverlapSection.NearDuplicates(
                threshold: nd.threshold, permutations: nd.permutations, bands: nd.statistics.parameters.bands,
                rows: nd.statistics.parameters.rows, candidates: nd.statistics.candidates,
                verified: nd.statistics.verified,
                pairs: CappedList(
                    total: nd.total,
                    items: nd.pairs.map {
                        OverlapSection.NearDuplicate(
                            suspectID: $0.suspectID, referenceID: $0.referenceID, jaccard: $0.jaccard)
                    }, selection: "highest Jaccard first"))
        let boilerplate = report.widths.flatMap { w in
            w.boilerplate.map { OverlapSection.BoilerplatePhrase(n: w.n, text: $0.text, occurrences: $0.occurrences) }
        }
        return OverlapSection(
            reference: referenceName, suspectDocuments: report.suspectDocuments,
            referenceDocuments: report.referenceDocuments, pairing: report.pairing.rawValue, pairs: report.pairs,
            boilerplateMinDocuments: report.boilerplateMinDocuments, widths: widths,
            jaccard: OverlapSection.Jaccard(
                shingleWidth: nd.shingleWidth, paired: report.pairedJaccard.map(summary),
                unpairedBest: summary(report.unpairedJaccard)),
            nearDuplicates: nearDuplicates, boilerplate: boilerplate,
            evidence: CappedList(
                total: source?.evidenceSpans ?? 0, items: evidence,
                selection: source.map { "the strongest \($0.n)-gram spans: most evidence windows, then most tokens" }
                    ?? "no shared spans"))
    }

    static func summary(_ d: Distribution) -> ValueSummary {
        ValueSummary(count: d.count, mean: d.mean, median: d.median, p90: d.p90, max: d.max)
    }

    /// The text of each document whose id is in `ids` (the first document with that id).
    static func texts(of documents: [Document], ids: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for d in documents where ids.contains(d.id) && out[d.id] == nil { out[d.id] = d.text }
        return out
    }
}
