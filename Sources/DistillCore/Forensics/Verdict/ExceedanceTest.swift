import Foundation

/// The per-document exceedance test that turns a ``SignalObservation`` into a p-value.
///
/// 1. Threshold τ: the `nullQuantile` quantile (nearest rank) of the pooled null documents'
///    statistics. A document *exceeds* when its statistic is at least the signal's floor and
///    greater than τ.
/// 2. Null rate π₀: for each other reference Q, the one-sided Wilson upper bound of its probes'
///    exceedance rate; π₀ = min(1, max(floor rate, inflation × the largest of them)). The worst
///    independent model, not the average, and an inflation factor for model-to-model variation
///    the store does not show.
/// 3. With *k* of the suspect's *N* documents exceeding, p = P[Binomial(N, π₀) ≥ k].
///
/// This is the per-document form of the model-provenance test of Nikolić et al. 2025 ("Model
/// Provenance Testing for Large Language Models"): similarity to a candidate parent is judged
/// against the similarity independent models show to it. See docs/scoring.md.
public enum ExceedanceTest {
    /// The test's outcome for one observation.
    /// - Complexity: O(*M* log *M* + *N*) for *M* pooled null values and *N* suspect documents, plus the
    ///   binomial tail's O(√*N*).
    public static func evaluate(
        _ observation: SignalObservation, referenceNames: [String], options: VerdictOptions
    ) -> SignalResult {
        let n = observation.suspect.count
        func result(
            threshold: Double?, exceeding: Int, null: [SignalResult.NullCounts], nullRate: Double?, log10P: Double,
            detail: String? = nil, note: String? = nil
        ) -> SignalResult {
            SignalResult(
                signal: observation.signal, method: observation.method, threshold: threshold,
                suspect: SignalResult.Counts(documents: n, exceeding: exceeding), null: null, nullRate: nullRate,
                log10PValue: log10P, measures: observation.measures, evidence: observation.evidence, note: note,
                remedy: note == nil ? nil : observation.remedy,
                usedInDecision: observation.usedInDecision, detail: detail,
                paired: observation.paired.isEmpty ? nil : observation.paired,
                siblings: observation.siblings.isEmpty ? nil : observation.siblings, nullAudit: observation.nullAudit)
        }
        if let reason = observation.untested {
            return result(threshold: nil, exceeding: 0, null: [], nullRate: nil, log10P: 0, note: reason)
        }
        if let exact = observation.exact {
            // Counts beside an exact test (identity): documents at the floor, per null group.
            guard !observation.null.isEmpty else {
                return result(
                    threshold: nil, exceeding: 0, null: [], nullRate: nil, log10P: exact.log10PValue,
                    detail: exact.detail)
            }
            let groups = observation.null.map { g in
                let e = g.values.filter { $0 >= observation.floor }.count
                return SignalResult.NullCounts(
                    reference: g.label ?? referenceNames[g.reference], documents: g.values.count, exceeding: e,
                    upperRate: BinomialTail.wilsonUpper(successes: e, trials: g.values.count, z: options.wilsonZ))
            }.sorted { $0.reference < $1.reference }
            return result(
                threshold: nil, exceeding: observation.suspect.filter { $0 >= observation.floor }.count, null: groups,
                nullRate: nil, log10P: exact.log10PValue, detail: exact.detail)
        }
        let pooled = observation.null.flatMap(\.values).sorted()
        guard !pooled.isEmpty else {
            let k = observation.suspect.filter { $0 >= observation.floor }.count
            return result(
                threshold: nil, exceeding: k, null: [], nullRate: nil, log10P: 0,
                note: "no other reference in the store to build a null from: not tested")
        }
        let rank = Int((options.nullQuantile * Double(pooled.count)).rounded(.up))
        let tau = observation.usesNullQuantile ? pooled[max(0, min(pooled.count - 1, rank - 1))] : -Double.infinity
        let floor = observation.floor
        func exceeds(_ x: Double) -> Bool { x >= floor && x > tau }
        let k = observation.suspect.filter(exceeds).count
        var groups: [SignalResult.NullCounts] = []
        var worst = 0.0
        for g in observation.null {
            let e = g.values.filter(exceeds).count
            let upper = BinomialTail.wilsonUpper(successes: e, trials: g.values.count, z: options.wilsonZ)
            worst = max(worst, upper)
            groups.append(
                SignalResult.NullCounts(
                    reference: g.label ?? referenceNames[g.reference], documents: g.values.count, exceeding: e,
                    upperRate: upper))
        }
        groups.sort { $0.reference < $1.reference }
        let pi0 = min(1, max(options.nullRateFloor, options.nullInflation * worst))
        let log10p = BinomialTail.log10UpperTail(successes: k, trials: n, probability: pi0)
        return result(
            threshold: observation.usesNullQuantile ? tau : nil, exceeding: k, null: groups, nullRate: pi0,
            log10P: log10p)
    }
}
