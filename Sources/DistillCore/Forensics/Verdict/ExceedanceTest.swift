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
    public static func evaluate(
        _ observation: SignalObservation, referenceNames: [String], options: VerdictOptions
    ) -> SignalResult {
        let pooled = observation.null.flatMap(\.values).sorted()
        let n = observation.suspect.count
        guard !pooled.isEmpty else {
            let k = observation.suspect.filter { $0 >= observation.floor }.count
            return SignalResult(
                signal: observation.signal.name, method: observation.method, threshold: nil,
                suspect: SignalResult.Counts(documents: n, exceeding: k), null: [], nullRate: nil,
                log10PValue: 0, measures: observation.measures, evidence: observation.evidence,
                note: "no other reference in the store to build a null from: not tested")
        }
        let rank = Int((options.nullQuantile * Double(pooled.count)).rounded(.up))
        let tau = pooled[max(0, min(pooled.count - 1, rank - 1))]
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
                    reference: referenceNames[g.reference], documents: g.values.count, exceeding: e,
                    upperRate: upper))
        }
        groups.sort { $0.reference < $1.reference }
        let pi0 = min(1, max(options.nullRateFloor, options.nullInflation * worst))
        let log10p = BinomialTail.log10UpperTail(successes: k, trials: n, probability: pi0)
        return SignalResult(
            signal: observation.signal.name, method: observation.method, threshold: tau,
            suspect: SignalResult.Counts(documents: n, exceeding: k), null: groups, nullRate: pi0,
            log10PValue: log10p, measures: observation.measures, evidence: observation.evidence, note: nil)
    }
}
