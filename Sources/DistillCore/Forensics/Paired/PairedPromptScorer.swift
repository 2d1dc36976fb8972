import Foundation

/// The paired per-prompt test, the main signal when the suspect answered prompts that the references
/// answered too (paired by id, else by prompt text; ``PairingKeys``).
///
/// For a candidate reference R and each measure (``PairedMeasure``): on every prompt that the
/// suspect, R and an independent model Q (a reference of another family, baselines included)
/// answered, is the suspect's answer closer to R's than Q's answer is? Exact one-sided sign test
/// over the prompts (ties left out), one per Q; the signal's p-value is the *largest* of them: the
/// suspect must be closer to R than every independent model is (an intersection–union test, so no
/// correction over the Qs is needed). The measures are corrected with the other signals
/// (Bonferroni within the reference), the references with Holm.
///
/// Within R's family, the same comparison against each sibling R′ from the suspect's side — is the
/// suspect's answer closer to R's than to R′'s? — decides whether the member or only the family can be
/// named (``SuspectScorer``).
///
/// The unit of evidence is the prompt, as in model-provenance testing (Nikolić et al. 2025, "Model
/// Provenance Testing for Large Language Models"); siblings are never a null (DESIGN.md).
public struct PairedPromptScorer: SignalScorer {
    public var verdictOptions: VerdictOptions
    /// Fewest prompts shared with an independent model for its comparison to count.
    public var minimumPrompts: Int

    /// A scorer with the given verdict options and fewest shared prompts per comparison.
    /// - Complexity: O(1).
    public init(verdictOptions: VerdictOptions = VerdictOptions(), minimumPrompts: Int = 20) {
        self.verdictOptions = verdictOptions
        self.minimumPrompts = minimumPrompts
    }

    /// The signals of the paired measures (``PairedMeasure``).
    /// - Complexity: O(1): one signal per ``PairedMeasure``.
    public func signals(options: ScoringOptions) -> [Signal] { PairedMeasure.allCases.map(\.signal) }

    /// The paired per-prompt test of each measure against each reference.
    /// - Complexity: features of every probe document and of each paired suspect document (linear in
    ///   their text plus sorting keys, in parallel), then per reference and measure O((*Q* + *S*) × *P*)
    ///   feature merges for *P* paired prompts against *Q* independent models and *S* siblings, and the
    ///   null audit's O(*Q* × probe prompts).
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let refs = source.references
        let documents = suspect.corpus.documents
        let suspectKeys = PairingKeys(documents.lazy.map { (id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt) })
        var probes: [[ProbeDocument]?] = []
        var features: [[AnswerFeatures]] = []
        var lookups: [PairingKeys.Lookup?] = []
        var keys: [PairingKeys?] = []
        for r in refs.indices {
            let docs = try source.probeDocuments(reference: r)
            probes.append(docs)
            features.append(
                docs.map { d in Parallel.map(count: d.count, threads: threads) { AnswerFeatures(text: d[$0].text) } }
                    ?? [])
            let k = docs.map { PairingKeys($0.lazy.map { (id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt) }) }
            keys.append(k)
            lookups.append(k.map(PairingKeys.Lookup.init))
        }
        // Features only of the suspect documents that answer some reference's probe prompt.
        var needed = [Bool](repeating: false, count: documents.count)
        for lookup in lookups.compactMap({ $0 }) {
            for (i, p) in lookup.partners(of: suspectKeys).enumerated() where p != nil { needed[i] = true }
        }
        let neededIndexes = needed.indices.filter { needed[$0] }
        let computed = Parallel.map(count: neededIndexes.count, threads: threads) {
            AnswerFeatures(text: documents[neededIndexes[$0]].text)
        }
        var suspectFeatures = [AnswerFeatures](
            repeating: AnswerFeatures(lexical: [], template: [], format: []), count: documents.count)
        for (k, i) in neededIndexes.enumerated() { suspectFeatures[i] = computed[k] }
        // Each reference's comparisons on their own thread; read-only inputs, results in reference order.
        let perReference: [[SignalObservation]] = Parallel.map(count: refs.count, threads: threads) {
            [probes, features, lookups, keys, suspectFeatures] r in
            var out: [SignalObservation] = []
            func untested(_ reason: String) {
                for m in PairedMeasure.allCases {
                    out.append(
                        .untested(m.signal, reference: r, documents: suspect.count, method: method(m), reason: reason))
                }
            }
            if refs[r].role == .baseline {
                untested("a baseline: used only as a null for other families, never named")
                return out
            }
            guard let lookup = lookups[r], let rKeys = keys[r] else {
                untested("the reference has no probe texts (added by an older version): re-add it")
                return out
            }
            let partner = lookup.partners(of: suspectKeys)
            let pairs = partner.indices.compactMap { i in partner[i].map { (suspect: i, reference: $0) } }
            guard pairs.count >= minimumPrompts else {
                untested(
                    "\(pairs.count) suspect documents answer a prompt of the reference's probe documents "
                        + "(needs \(minimumPrompts)): the suspect was not given the same prompts")
                return out
            }
            // For each independent model and sibling: its answer to each of R's probe prompts.
            let independent = refs.independent(of: r).filter { lookups[$0] != nil }
            let siblings = refs.siblings(of: r).filter { lookups[$0] != nil }
            var answerOf: [Int: [Int?]] = [:]
            for q in independent + siblings { answerOf[q] = lookups[q]!.partners(of: rKeys) }
            for m in PairedMeasure.allCases {
                let x = pairs.map { suspectFeatures[$0.suspect].similarity(to: features[r][$0.reference], measure: m) }
                // Each independent model's answer against R's, per R probe prompt (nil where it gave
                // none): made once, read by the comparisons and by the audit.
                var toR: [Int: [Double?]] = [:]
                for q in independent {
                    let answers = answerOf[q]!
                    toR[q] = features[r].indices.map { a in
                        answers[a].map { features[q][$0].similarity(to: features[r][a], measure: m) }
                    }
                }
                // The sign test against model `o`: `y(pair index, o's answer)` is the similarity beaten.
                func compare(_ o: Int, _ y: (Int, Int) -> Double) -> PairedComparison {
                    let answers = answerOf[o]!
                    var wins = 0
                    var losses = 0
                    var ties = 0
                    for p in pairs.indices {
                        guard let a = answers[pairs[p].reference] else { continue }
                        let other = y(p, a)
                        if x[p] > other { wins += 1 } else if x[p] < other { losses += 1 } else { ties += 1 }
                    }
                    return PairedComparison(
                        against: refs[o].name, prompts: wins + losses + ties, wins: wins, losses: losses, ties: ties)
                }
                // Independent models: is the suspect closer to R's answer than Q's answer is?
                let comparisons = independent.map { q in
                    compare(q) { p, _ in toR[q]![pairs[p].reference]! }
                }.filter { $0.prompts >= minimumPrompts }
                // Siblings: is the suspect's answer closer to R's than to the sibling's?
                let siblingComparisons = siblings.map { s in
                    compare(s) { p, a in suspectFeatures[pairs[p].suspect].similarity(to: features[s][a], measure: m) }
                }
                guard
                    let decisive = comparisons.max(by: {
                        ($0.log10PValue, $1.against) < ($1.log10PValue, $0.against)
                    })
                else {
                    var o = SignalObservation.untested(
                        m.signal, reference: r, documents: suspect.count, method: method(m),
                        reason: "no reference of another family answered \(minimumPrompts) of these prompts: "
                            + "add independent models (references of another family, or baselines)",
                        remedy: .addIndependentModels)
                    o.siblings = siblingComparisons
                    out.append(o)
                    continue
                }
                let detail =
                    "the suspect's answer is closer to \(refs[r].name)'s than \(decisive.against)'s answer is on "
                    + "\(decisive.wins) of \(decisive.prompts) prompts (\(decisive.losses) farther, \(decisive.ties) "
                    + "ties); \(decisive.against) is the hardest of \(comparisons.count) independent models"
                let evidence = pairs.indices.sorted { (x[$0], $1) > (x[$1], $0) }.prefix(verdictOptions.maxEvidence).map
                {
                    p in
                    let document = documents[pairs[p].suspect]
                    return EvidenceItem(
                        suspectID: document.id, location: document.location,
                        referenceID: probes[r]![pairs[p].reference].id, strength: x[p],
                        excerpt: String(document.text.unicodeScalars.prefix(verdictOptions.maxExcerptBytes / 2)),
                        referenceExcerpt: String(
                            probes[r]![pairs[p].reference].text.unicodeScalars.prefix(
                                verdictOptions.maxExcerptBytes / 2)))
                }
                var observation = SignalObservation(
                    signal: m.signal, reference: r, suspect: x, null: [], floor: 0, method: method(m),
                    evidence: Array(evidence),
                    measures: ["pairs": Double(pairs.count), "meanSimilarity": NearDuplicateScorer.mean(x)],
                    usedInDecision: m.decides, exact: .init(log10PValue: decisive.log10PValue, detail: detail))
                observation.paired = comparisons
                observation.siblings = siblingComparisons
                if let q = independent.first(where: { refs[$0].name == decisive.against }) {
                    observation.nullAudit = audit(q, among: independent, toR: toR, names: refs.map(\.name))
                }
                out.append(observation)
            }
            return out
        }
        return perReference.flatMap { $0 }
    }

    /// The decisive independent model `q`, tested as a suspect against R's answers (all of R's probe
    /// prompts that the others answered too): is its answer closer to R's than each *other*
    /// independent model's answer is? The audit when that holds at level α against every other.
    /// - Complexity: O(independent models × R's probe prompts) comparisons of similarities made once
    ///   (`toR[o][a]`: model `o`'s answer to R's probe prompt `a` against R's answer, nil where `o`
    ///   gave none).
    func audit(_ q: Int, among independent: [Int], toR: [Int: [Double?]], names: [String]) -> NullAudit? {
        let others = independent.filter { $0 != q }
        guard let x = toR[q], !others.isEmpty else { return nil }
        var hardest: PairedComparison?
        for o in others {
            guard let y = toR[o] else { continue }
            var wins = 0
            var losses = 0
            var ties = 0
            for a in x.indices {
                guard let xa = x[a], let ya = y[a] else { continue }
                if xa > ya { wins += 1 } else if xa < ya { losses += 1 } else { ties += 1 }
            }
            let c = PairedComparison(
                against: names[o], prompts: wins + losses + ties, wins: wins, losses: losses, ties: ties)
            guard c.prompts >= minimumPrompts else { continue }
            if hardest.map({ (c.log10PValue, hardest!.against) > ($0.log10PValue, c.against) }) ?? true { hardest = c }
        }
        guard let hardest, hardest.log10PValue <= log10(verdictOptions.alpha) else { return nil }
        return NullAudit(model: names[q], comparison: hardest)
    }

    func method(_ m: PairedMeasure) -> String {
        "paired per-prompt sign test by \(m.summary): per prompt, is the suspect's answer closer to the reference's "
            + "answer than an independent model's (another family's) answer is; p is the largest over the "
            + "independent models"
    }
}
