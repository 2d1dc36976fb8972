/// The paired signal: for each suspect document that answers a prompt the reference also answered
/// (paired by id, else by identical prompt text; ``PairingKeys``), the MinHash Jaccard estimate of
/// the two answers' word shingles. Two nulls, and the test takes the worse of them:
/// - the other references' probe documents paired with this reference's answers in the same way
///   (an independent model answering the same prompt: topic is controlled);
/// - *prompt-shuffled* pairs: each paired suspect answer against the reference's answer to another
///   suspect document's prompt (a cyclic shift of the pairs by half their number).
/// Same-prompt answers share topic words, so shuffled pairs alone understate what independent
/// models share: without a paired other reference the signal is reported but does not decide.
///
/// Pairs of outputs on shared prompts as in model-provenance testing (Nikolić et al. 2025); MinHash
/// after Broder 1997.
public struct PairedJaccardScorer: SignalScorer {
    public var verdictOptions: VerdictOptions
    /// Fewest pairs of another reference's probes for its null group to count.
    public var minimumNullPairs: Int

    /// A scorer with the given verdict options and fewest pairs per null group.
    /// - Complexity: O(1).
    public init(verdictOptions: VerdictOptions = VerdictOptions(), minimumNullPairs: Int = 20) {
        self.verdictOptions = verdictOptions
        self.minimumNullPairs = minimumNullPairs
    }

    /// The paired Jaccard signal.
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] { [.pairedJaccard] }

    /// The paired Jaccard observation of each reference.
    /// - Complexity: O(*B*) to hash the ids and prompts (*B* bytes) of every reference's probes, then per reference
    ///   O(*N* + *M*) expected pairing for *N* suspect and *M* independent probe documents, O(*k*) per
    ///   pair (twice for the suspect: paired and shuffled) and O(*P* log *P*) to rank the *P* pairs.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        try SignatureScorer(nearDuplicate: nil, pairedJaccard: self).observe(
            suspect: suspect, references: source, threads: threads)
    }

    /// What every reference's answers are paired with: the suspect's pairing keys, and each
    /// reference's probes (keys and signatures, read once for all the references they are a null of).
    struct Queries {
        let suspectKeys: PairingKeys
        let probeKeys: [PairingKeys?]
        let probeSignatures: [[UInt32]]

        /// - Complexity: O(*B*) to hash the ids and prompts (*B* bytes) of the suspect and the probes.
        init(suspect: SuspectCorpus, source: any ReferenceSource) throws {
            suspectKeys = PairingKeys(
                suspect.corpus.documents.lazy.map { (id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt) })
            var probeKeys: [PairingKeys?] = []
            var probeSignatures: [[UInt32]] = []
            for q in source.references.indices {
                let keys = try source.probeDocuments(reference: q).map { docs in
                    PairingKeys(docs.lazy.map { (id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt) })
                }
                probeKeys.append(keys)
                probeSignatures.append(keys == nil ? [] : try source.probes(reference: q).signatures)
            }
            self.probeKeys = probeKeys
            self.probeSignatures = probeSignatures
        }
    }

    /// The paired Jaccard observation of reference `r`, whose signatures are `signatures`.
    /// - Complexity: O(*N* + *M*) expected pairing for *N* suspect and *M* independent probe documents,
    ///   O(*k*) per pair and O(*P* log *P*) to rank the *P* pairs.
    func observe(
        reference r: Int, signatures: [UInt32], queries: Queries, suspect: SuspectCorpus,
        source: any ReferenceSource, threads: Int
    ) throws -> SignalObservation {
        let k = source.options.permutations
        let refs = source.references
        let documents = suspect.corpus.documents
        let (suspectKeys, probeKeys, probeSignatures) = (
            queries.suspectKeys, queries.probeKeys, queries.probeSignatures
        )
        let method =
            "MinHash Jaccard estimate (\(k) permutations, \(source.options.shingleWidth)-word shingles) of a suspect "
            + "answer and the reference's answer to the same prompt (paired by id, else prompt); null: other "
            + "references' answers to the same prompts, and prompt-shuffled pairs"
        let floor = 2 / Double(k)
        guard let keys = try source.pairingKeys(reference: r) else {
            return .untested(
                .pairedJaccard, reference: r, documents: suspect.count, method: method,
                reason: "the reference has no pairing keys (added by an older version): re-add it")
        }
        let lookup = PairingKeys.Lookup(keys)
        let partner = lookup.partners(of: suspectKeys)
        let pairs = partner.indices.compactMap { i in partner[i].map { (i, $0) } }
        guard pairs.count >= 2 else {
            return .untested(
                .pairedJaccard, reference: r, documents: suspect.count, method: method,
                reason: "no suspect document answers a prompt of the reference (no id or prompt pairs)")
        }
        @Sendable func estimate(_ a: ArraySlice<UInt32>, _ j: Int) -> Double {
            a.withUnsafeBufferPointer { pa in
                signatures.withUnsafeBufferPointer { s in
                    MinHasher.estimate(pa, UnsafeBufferPointer(rebasing: s[(j * k)..<((j + 1) * k)]))
                }
            }
        }
        let values = Parallel.map(count: pairs.count, threads: threads) {
            estimate(suspect.corpus.signature(pairs[$0].0), pairs[$0].1)
        }
        let shift = pairs.count / 2
        let shuffled = Parallel.map(count: pairs.count, threads: threads) {
            estimate(suspect.corpus.signature(pairs[$0].0), pairs[($0 + shift) % pairs.count].1)
        }
        var null: [SignalObservation.NullGroup] = []
        for q in refs.independent(of: r) {
            guard let qKeys = probeKeys[q] else { continue }
            let qSignatures = probeSignatures[q]
            let qPartner = lookup.partners(of: qKeys)
            let qPairs = qPartner.indices.compactMap { i in qPartner[i].map { (i, $0) } }
            guard qPairs.count >= minimumNullPairs, qSignatures.count == qKeys.count * k else { continue }
            null.append(
                .init(
                    reference: q,
                    values: qPairs.map { estimate(qSignatures[($0.0 * k)..<(($0.0 + 1) * k)], $0.1) }))
        }
        let topicControlled = !null.isEmpty
        null.append(.init(reference: r, values: shuffled, label: "prompt-shuffled"))
        let ranked = values.indices.filter { values[$0] >= floor }.sorted {
            values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1
        }
        let shown = Array(ranked.prefix(verdictOptions.maxEvidence))
        let ids = try source.documentIDs(reference: r, at: shown.map { pairs[$0].1 })
        let evidence = shown.enumerated().map { n, m in
            let document = documents[pairs[m].0]
            return EvidenceItem(
                suspectID: document.id, location: document.location, referenceID: ids[n],
                strength: values[m],
                excerpt: String(document.text.unicodeScalars.prefix(verdictOptions.maxExcerptBytes / 2)))
        }
        return SignalObservation(
            signal: .pairedJaccard, reference: r, suspect: values, null: null, floor: floor,
            method: method
                + (topicControlled
                    ? "" : "; no other reference answered these prompts, so it does not decide"),
            evidence: Array(evidence),
            measures: [
                "pairs": Double(pairs.count), "meanJaccard": NearDuplicateScorer.mean(values),
                "shuffledMeanJaccard": NearDuplicateScorer.mean(shuffled),
            ], usedInDecision: topicControlled)
    }
}
