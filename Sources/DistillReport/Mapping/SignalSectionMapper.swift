import DistillCore

/// Maps the stylometry, attribution and identity results of the engine to their report sections.
public enum SignalSectionMapper {
    /// The attribution section: how often each reference ranked first over the bootstrap replicates,
    /// with a Wilson 95% interval of that share, and the share of *none of these*.
    /// - Complexity: O(references).
    public static func attribution(_ result: AttributionResult) -> AttributionSection {
        let replicates = result.options.bootstrap
        let shares = result.references.map { ref -> AttributionSection.Share in
            let interval = ref.rankFirstInterval(replicates: replicates)
            return .init(
                reference: ref.name, share: ref.rankFirstFraction, lower: interval.lower, upper: interval.upper)
        }
        let method =
            "\(result.options.distance.rawValue) Delta over \(result.vocabulary.count) words (z-scores over "
            + "\(result.options.basis.rawValue)); \(replicates) bootstrap replicates of the suspect's segments; "
            + "none of these unless the closest reference is nearer than the \(result.options.alpha) quantile of "
            + "same-size samples of the other references"
        return AttributionSection(
            replicates: replicates, method: method, shares: shares, noneOfThese: result.noneFraction)
    }

    /// The style section of an attribution: the suspect's Delta to each reference, with the
    /// none-of-these threshold as the null's upper bound and the empirical p-value.
    /// - Complexity: O(references).
    public static func style(_ result: AttributionResult) -> StyleSection {
        StyleSection(
            metric: "\(result.options.distance.rawValue) Delta",
            features: "\(result.vocabulary.count) words (function words and most frequent words)",
            distances: result.references.map {
                .init(reference: $0.name, distance: $0.distance, nullUpper: $0.noneThreshold, pValue: $0.pValue)
            })
    }

    /// The style section of `compare`: one minus the cosine similarity of function-word frequencies
    /// from the suspect to each named corpus (descriptive: no null, see `attribute` for a decision).
    /// - Complexity: O(corpora).
    public static func style(comparisons: [(name: String, comparison: StyleComparison)]) -> StyleSection {
        StyleSection(
            metric: "1 − cosine similarity",
            features: "\(FunctionWords.ids.count) function-word relative frequencies",
            distances: comparisons.map { .init(reference: $0.name, distance: 1 - $0.comparison.functionWordCosine) })
    }

    /// The identity section: documents claiming each identity, with Wilson 95% intervals and snippets.
    /// - Parameters:
    ///   - maxSnippets: snippets kept over all identities (the count of the rest is recorded).
    /// - Complexity: O(identities + examples).
    public static func identity(_ report: IdentityReport, maxSnippets: Int = 20) -> IdentitySection {
        let claims = report.rates.map {
            IdentitySection.Claim(
                identity: $0.label, documents: $0.documents, rate: $0.rate, lower: $0.lower, upper: $0.upper)
        }
        let examples = report.rates.flatMap { rate in
            rate.examples.map {
                EvidencePassage(documentID: $0.document, segments: [.init($0.snippet, shared: true)])
            }
        }
        return IdentitySection(
            documentsScanned: report.documents, confidence: 0.95, claims: claims,
            snippets: CappedList(
                total: max(examples.count, report.rates.reduce(0) { $0 + $1.documents }),
                items: Array(examples.prefix(maxSnippets)),
                selection: "the first examples of each identity, in corpus order"))
    }
}
