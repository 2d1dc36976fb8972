/// The identity signal: a suspect document counts when it names itself as one of the reference's
/// identities ("As a TeacherLM model developed by Example Labs", "I am Claude"), found by
/// ``IdentityDetector`` (negations, third-person mentions and quotations do not count). The null: the
/// share of each other reference's probe documents that claim the same identities, detected with the
/// same patterns at scoring time. A yes/no statistic, so no quantile threshold: p = P[Bin(N, π₀) ≥ k]
/// with π₀ from the worst other reference's Wilson upper bound (``ExceedanceTest``).
///
/// A reference's identities are those declared when it was added (`index add --identity`), else the
/// identities its own probe documents claim (at least 2 of them and 1%). Identity-leak evidence after
/// the self-identification probes used in model-provenance work (e.g. Nikolić et al. 2025, §5).
public struct IdentityScorer: SignalScorer {
    public var verdictOptions: VerdictOptions
    /// Patterns added for this scoring run (`score --identity-patterns`).
    public var extraPatterns: IdentityPatterns?

    /// A scorer with the given verdict options and this run's extra identity patterns.
    /// - Complexity: O(1).
    public init(verdictOptions: VerdictOptions = VerdictOptions(), extraPatterns: IdentityPatterns? = nil) {
        self.verdictOptions = verdictOptions
        self.extraPatterns = extraPatterns
    }

    /// The identity signal.
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] { [.identity] }

    /// The standard patterns, extended by every reference's own and this run's.
    func detector(references source: any ReferenceSource) throws -> IdentityDetector {
        var patterns = IdentityPatterns.standard
        for r in source.references.indices {
            if let extra = try source.identity(reference: r)?.patterns { patterns = patterns.merging(extra) }
        }
        if let extraPatterns { patterns = patterns.merging(extraPatterns) }
        return try IdentityDetector(patterns: patterns)
    }

    /// The identity observation of each reference.
    /// - Complexity: one claim scan of every suspect document and every reference's probe documents
    ///   (linear in their text, in parallel; see ``IdentityDetector``), then per reference O(*N* + *M*)
    ///   for *N* suspect documents and *M* probe documents of the independent models.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let detector = try detector(references: source)
        let documents = suspect.corpus.documents
        let refs = source.references
        var probeClaims: [[[String]]?] = []
        for r in refs.indices {
            guard let probes = try source.probeDocuments(reference: r) else {
                probeClaims.append(nil)
                continue
            }
            probeClaims.append(
                try Parallel.map(count: probes.count, threads: threads) { i in
                    Result { () throws(DistillError) in
                        try detector.claims(in: probes[i].text, document: probes[i].id).map(\.identity)
                    }
                }.map { try $0.get() })
        }
        let method =
            "the document names itself as one of the reference's identities (identity patterns v"
            + "\(detector.patterns.version); negations, third-person mentions and quotations excluded); "
            + "null: other references' probe documents making the same claim"
        // Each reference's identities (declared, or claimed by its own probes); the suspect is scanned
        // only when some reference has one.
        var identitiesOf: [Set<String>] = []
        for r in refs.indices {
            let info =
                try source.identity(reference: r)
                ?? ReferenceIdentity(declared: [], patterns: nil, probeDocuments: 0, probeClaims: [:])
            identitiesOf.append(probeClaims[r].map { Set(info.identities(claimsOfProbes: $0)) } ?? [])
        }
        let suspectClaims: [[IdentityClaim]] =
            identitiesOf.allSatisfy(\.isEmpty)
            ? []
            : try Parallel.map(count: documents.count, threads: threads) { i in
                Result { () throws(DistillError) in
                    try detector.claims(in: documents[i].text, document: documents[i].id)
                }
            }.map { try $0.get() }
        var out: [SignalObservation] = []
        for r in refs.indices {
            guard probeClaims[r] != nil else {
                out.append(
                    .untested(
                        .identity, reference: r, documents: suspect.count, method: method,
                        reason: "the reference has no probe texts (added by an older version): re-add it"))
                continue
            }
            let identities = identitiesOf[r]
            if identities.isEmpty {
                out.append(
                    .untested(
                        .identity, reference: r, documents: suspect.count, method: method,
                        reason: "the reference names no identity of its own (declare one when adding it to the store)",
                        remedy: .declareIdentity))
                continue
            }
            func hit(_ claims: [String]) -> Bool { claims.contains(where: identities.contains) }
            let values = suspectClaims.map { claims in hit(claims.map(\.identity)) ? 1.0 : 0.0 }
            var null: [SignalObservation.NullGroup] = []
            for q in refs.independent(of: r) {
                guard let claims = probeClaims[q], !claims.isEmpty else { continue }
                null.append(.init(reference: q, values: claims.map { hit($0) ? 1.0 : 0.0 }))
            }
            let evidence = suspectClaims.indices.lazy.filter { values[$0] > 0 }.prefix(verdictOptions.maxEvidence).map {
                d -> EvidenceItem in
                let claim = suspectClaims[d].first { identities.contains($0.identity) }!
                let document = documents[d]
                return EvidenceItem(
                    suspectID: document.id, location: document.location, strength: 1,
                    excerpt: String(claim.snippet.unicodeScalars.prefix(verdictOptions.maxExcerptBytes)))
            }
            let claimed = values.reduce(0, +)
            let interval = WilsonInterval(successes: Int(claimed), trials: max(1, values.count))
            // The exact conditional test of two rates: with k of the suspect's N documents and c of the
            // independent models' M probes claiming, and equal rates under the null, k given k + c is
            // Binomial(k + c, N / (N + M)) (Przyborowski & Wilenski 1940; the binomial form of Fisher's
            // exact test). Pooling every independent model gives the null its largest sample: a 1%
            // claim rate over 800 documents against 0 claims in 4,800 probes gives p ≈ 1e-7.
            let k = Int(claimed)
            let c = null.reduce(0) { $0 + Int($1.values.reduce(0, +)) }
            let m = null.reduce(0) { $0 + $1.values.count }
            let exact: SignalObservation.ExactTest? =
                m == 0
                ? nil
                : .init(
                    log10PValue: BinomialTail.log10UpperTail(
                        successes: k, trials: k + c, probability: Double(values.count) / Double(values.count + m)),
                    detail:
                        "\(k) of \(values.count) suspect documents claim \(identities.sorted().joined(separator: "/")), "
                        + "against \(c) of \(m) probe documents of \(null.count) independent models")
            out.append(
                SignalObservation(
                    signal: .identity, reference: r, suspect: values, null: null, floor: 1,
                    method: method + " (identities: " + identities.sorted().joined(separator: ", ") + ")",
                    evidence: Array(evidence),
                    measures: [
                        "claimRate": values.isEmpty ? 0 : claimed / Double(values.count),
                        "claimRateLower": interval.lower, "claimRateUpper": interval.upper,
                    ], usesNullQuantile: false, exact: exact))
        }
        return out
    }
}
