/// The two MinHash signals, near-duplicates (``NearDuplicateScorer``) and paired Jaccard
/// (``PairedJaccardScorer``), from one read of each reference's signatures: the largest thing either
/// reads (documents × permutations × 4 bytes, 51 MB for 100,000 documents), read and checked once
/// instead of twice. The observations are the two scorers' own, in the same order (every
/// near-duplicate observation, then every paired one).
public struct SignatureScorer: SignalScorer {
    /// The near-duplicate scorer, or nil to leave that signal out.
    public var nearDuplicate: NearDuplicateScorer?
    /// The paired Jaccard scorer, or nil to leave that signal out.
    public var pairedJaccard: PairedJaccardScorer?

    /// Both scorers with the same verdict options.
    /// - Complexity: O(*k* log *k*) for the default *k* permutations (``NearDuplicateScorer``'s banding).
    public init(verdictOptions: VerdictOptions = VerdictOptions()) {
        nearDuplicate = NearDuplicateScorer(verdictOptions: verdictOptions)
        pairedJaccard = PairedJaccardScorer(verdictOptions: verdictOptions)
    }

    /// The given scorers (each run alone through this when the other is nil).
    /// - Complexity: O(1).
    public init(nearDuplicate: NearDuplicateScorer?, pairedJaccard: PairedJaccardScorer?) {
        self.nearDuplicate = nearDuplicate
        self.pairedJaccard = pairedJaccard
    }

    /// The near-duplicate signal, then the paired Jaccard signal (those that are not nil).
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] {
        (nearDuplicate?.signals(options: options) ?? []) + (pairedJaccard?.signals(options: options) ?? [])
    }

    /// What the two scorers observe, each reference's signatures read once (while the previous
    /// reference is scored).
    /// - Complexity: the sum of the two scorers', less one read of every reference's signatures.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        guard nearDuplicate != nil || pairedJaccard != nil else { return [] }
        let near = try nearDuplicate.map {
            try NearDuplicateScorer.Queries(scorer: $0, suspect: suspect, source: source, threads: threads)
        }
        let paired = try pairedJaccard.map { _ in try PairedJaccardScorer.Queries(suspect: suspect, source: source) }
        var nearOut: [SignalObservation] = []
        var pairedOut: [SignalObservation] = []
        // Each reference's signatures read while the previous one is scored.
        let load: @Sendable (Int) throws -> [UInt32] = { try source.signatures(reference: $0) }
        try Parallel.prefetching(count: source.references.count, load: load) { r, signatures in
            if let nearDuplicate, let near {
                nearOut.append(
                    try nearDuplicate.observe(
                        reference: r, signatures: signatures, queries: near, suspect: suspect, source: source,
                        threads: threads))
                // The near-duplicate candidates go back before the pairs are made.
                MemoryRelease.releaseFreePages()
            }
            if let pairedJaccard, let paired {
                pairedOut.append(
                    try pairedJaccard.observe(
                        reference: r, signatures: signatures, queries: paired, suspect: suspect, source: source,
                        threads: threads))
            }
        }
        return nearOut + pairedOut
    }
}
