/// The near-duplicate signal: for each suspect document, the best MinHash Jaccard estimate against
/// the reference's documents among the candidates of an LSH index tuned to the near-duplicate
/// threshold (0 when there is none). A document counts when its best estimate is at least the
/// threshold; the mean best estimate is reported beside it. The null: the other references'
/// probe documents against the same index.
///
/// MinHash after Broder 1997; LSH banding after Indyk & Motwani 1998 (see ``LSHParameters``).
public struct NearDuplicateScorer: SignalScorer {
    public var verdictOptions: VerdictOptions
    /// Banding for the default number of permutations, computed once (the search over bands is
    /// not free).
    let defaultParameters: LSHParameters

    /// A scorer whose LSH banding is tuned to the options' near-duplicate threshold.
    /// - Complexity: O(*k* log *k*) for the default *k* permutations: the banding is chosen once, here.
    public init(verdictOptions: VerdictOptions = VerdictOptions()) {
        self.verdictOptions = verdictOptions
        self.defaultParameters = LSHParameters.optimal(
            threshold: verdictOptions.nearDuplicateThreshold, permutations: MinHasher.defaultPermutations)
    }

    /// The near-duplicate signal.
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] { [.nearDuplicate] }

    /// The near-duplicate observation of each reference.
    /// - Complexity: O(*Q* × *bands* × log *Q*) to index the *Q* query signatures (suspect and probes), then
    ///   per reference O(*m* × *bands* × log *m*) to index its *m* signatures, the band join, O(*k*) per
    ///   candidate pair, and O(*N* log *N*) to rank the *N* suspect documents for evidence.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        try SignatureScorer(nearDuplicate: self, pairedJaccard: nil).observe(
            suspect: suspect, references: source, threads: threads)
    }

    /// What every reference is scored against: the LSH index of the suspect's and the probes'
    /// signatures.
    struct Queries {
        let k: Int
        let parameters: LSHParameters
        let probeSignatures: [UInt32]
        /// The reference of each query (−1 for the suspect's documents, which come first).
        let owner: [Int]
        let index: LSHIndex

        /// - Complexity: O(*Q* × *bands* × log *Q*) for *Q* query signatures.
        init(scorer: NearDuplicateScorer, suspect: SuspectCorpus, source: any ReferenceSource, threads: Int) throws {
            k = source.options.permutations
            // Only the probes' signatures: their n-gram windows are not kept.
            let probes = try source.references.indices.map { try source.probes(reference: $0).signatures }
            let threshold = scorer.verdictOptions.nearDuplicateThreshold
            parameters =
                k == MinHasher.defaultPermutations
                ? scorer.defaultParameters : LSHParameters.optimal(threshold: threshold, permutations: k)
            // The queries: the suspect's signatures (not copied), then every reference's probes'.
            var probeSignatures: [UInt32] = []
            var owner: [Int] = Array(repeating: -1, count: suspect.count)
            for (r, p) in probes.enumerated() {
                probeSignatures.append(contentsOf: p)
                owner.append(contentsOf: repeatElement(r, count: p.count / k))
            }
            self.probeSignatures = probeSignatures
            self.owner = owner
            index = LSHIndex(
                segments: [suspect.corpus.signatures, probeSignatures], permutations: k, parameters: parameters,
                threads: threads)
        }
    }

    /// The near-duplicate observation of reference `r`, whose signatures are `signatures`.
    /// - Complexity: O(*m* × *bands* × log *m*) to index its *m* signatures, the band join, O(*k*) per
    ///   candidate pair, and O(*N* log *N*) to rank the *N* suspect documents for evidence.
    func observe(
        reference r: Int, signatures: [UInt32], queries: Queries, suspect: SuspectCorpus,
        source: any ReferenceSource, threads: Int
    ) throws -> SignalObservation {
        let (k, parameters, owner, probeSignatures) = (
            queries.k, queries.parameters, queries.owner, queries.probeSignatures
        )
        let refs = source.references
        let threshold = verdictOptions.nearDuplicateThreshold
        let suspectCount = suspect.count
        // What the previous reference's index and candidates held goes back first.
        MemoryRelease.releaseFreePages()
        // The reference's index a band at a time (the whole index is 8 bytes a document and band).
        let candidates = queries.index.candidates(joiningSignatures: signatures, threads: threads)
        var best = [Double](repeating: 0, count: owner.count)
        var bestDocument = [Int](repeating: -1, count: owner.count)
        suspect.corpus.signatures.withUnsafeBufferPointer { sq in
            probeSignatures.withUnsafeBufferPointer { pq in
                signatures.withUnsafeBufferPointer { s in
                    for c in candidates {
                        let i = Int(c >> 32)
                        let j = Int(c & 0xFFFF_FFFF)
                        if owner[i] == r { continue }
                        let q = i < suspectCount ? sq : pq
                        let local = i < suspectCount ? i : i - suspectCount
                        let e = MinHasher.estimate(
                            UnsafeBufferPointer(rebasing: q[(local * k)..<((local + 1) * k)]),
                            UnsafeBufferPointer(rebasing: s[(j * k)..<((j + 1) * k)]))
                        if e > best[i] {
                            best[i] = e
                            bestDocument[i] = j
                        }
                    }
                }
            }
        }
        var groups: [Int: [Double]] = [:]
        for i in suspect.count..<owner.count where refs[owner[i]].family != refs[r].family {
            groups[owner[i], default: []].append(best[i])
        }
        let suspectBest = Array(best[0..<suspect.count])
        let ranked = (0..<suspect.count).filter { best[$0] >= threshold }.sorted {
            best[$0] != best[$1] ? best[$0] > best[$1] : $0 < $1
        }
        let shown = Array(ranked.prefix(verdictOptions.maxEvidence))
        let ids = try source.documentIDs(reference: r, at: shown.map { bestDocument[$0] })
        let evidence = shown.enumerated().map { n, d in
            let document = suspect.corpus.documents[d]
            return EvidenceItem(
                suspectID: document.id, location: document.location, referenceID: ids[n],
                strength: best[d],
                excerpt: String(document.text.unicodeScalars.prefix(verdictOptions.maxExcerptBytes / 2)))
        }
        let nullValues = groups.values.flatMap { $0 }
        return SignalObservation(
            signal: .nearDuplicate, reference: r, suspect: suspectBest,
            null: groups.keys.sorted().map { SignalObservation.NullGroup(reference: $0, values: groups[$0]!) },
            floor: threshold,
            method:
                "best MinHash Jaccard estimate (\(k) permutations, \(source.options.shingleWidth)-word "
                + "shingles) of a document against this reference's documents, LSH \(parameters.bands)×"
                + "\(parameters.rows); a document counts at \(threshold) or more",
            evidence: Array(evidence),
            measures: [
                "meanBestJaccard": Self.mean(suspectBest), "nullMeanBestJaccard": Self.mean(nullValues),
            ])
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted().reduce(0, +) / Double(values.count)
    }
}
