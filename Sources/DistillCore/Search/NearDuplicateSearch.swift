/// A verified near-duplicate pair: exact Jaccard of the shingle sets at or above the threshold.
public struct NearDuplicatePair: Sendable, Hashable, Codable {
    public var first: Int
    public var second: Int
    /// Exact Jaccard of the two documents' shingle sets.
    public var jaccard: Double
    /// The MinHash estimate that let the pair through.
    public var estimate: Double

    /// A pair of documents `first` and `second`, with their exact Jaccard and MinHash estimate.
    /// - Complexity: O(1).
    public init(first: Int, second: Int, jaccard: Double, estimate: Double) {
        self.first = first
        self.second = second
        self.jaccard = jaccard
        self.estimate = estimate
    }
}

/// How many pairs each stage let through, for reports and tuning.
public struct NearDuplicateStatistics: Sendable, Hashable, Codable {
    public var parameters: LSHParameters
    public var threshold: Double
    /// Pairs sharing at least one LSH band.
    public var candidates: Int
    /// Candidates whose MinHash estimate passed the pre-filter.
    public var estimated: Int
    /// Pairs whose exact Jaccard is at or above the threshold.
    public var verified: Int
}

/// Near-duplicate search with MinHash LSH: candidates from banding, a pre-filter on the signature
/// estimate, and verification by exact Jaccard, so every reported pair is a true one (precision 1).
public enum NearDuplicateSearch {
    /// The pre-filter keeps candidates whose estimate is within this many standard errors below the
    /// threshold; a pair truly at the threshold is dropped with probability about 3·10⁻⁵.
    public static let prefilterStandardErrors = 4.0

    static func prefilterCutoff(threshold: Double, permutations: Int) -> Double {
        threshold - prefilterStandardErrors * MinHasher.standardError(jaccard: threshold, permutations: permutations)
    }

    /// Near-duplicate pairs within one corpus, sorted by (first, second).
    /// - Parameter shingleSets: when the corpus kept no shingle sets, supplies them for the
    ///   documents that survive the MinHash pre-filter (for example by reading the corpus again).
    /// - Complexity: O(*n* × *bands* × log *n*) to index *n* signatures, O(*P* log *P*) for the *P* candidate
    ///   pairs, O(*k*) per candidate for the estimate and O(|*A*| + |*B*|) per survivor of the
    ///   pre-filter for the exact Jaccard; candidates are verified in parallel. Without kept shingle
    ///   sets, `shingleSets` is called once, for the survivors' documents only.
    public static func withinCorpus(
        _ corpus: FingerprintedCorpus, threshold: Double, parameters: LSHParameters? = nil, threads: Int,
        shingleSets: ((Set<Int>) throws -> [Int: ShingleSet])? = nil
    ) throws -> (pairs: [NearDuplicatePair], statistics: NearDuplicateStatistics) {
        let k = corpus.permutations
        let params = parameters ?? LSHParameters.optimal(threshold: threshold, permutations: k)
        let index = LSHIndex(signatures: corpus.signatures, permutations: k, parameters: params, threads: threads)
        let candidates = index.candidatePairs(threads: threads)
        var sets = corpus
        if corpus.shingleSets.count != corpus.count, let shingleSets {
            // Second pass: exact sets only for documents that a candidate pair still needs.
            let cutoff = prefilterCutoff(threshold: threshold, permutations: k)
            var needed = Set<Int>()
            corpus.signatures.withUnsafeBufferPointer { sig in
                for c in candidates {
                    let i = Int(c >> 32)
                    let j = Int(c & 0xFFFF_FFFF)
                    let a = UnsafeBufferPointer(rebasing: sig[(i * k)..<((i + 1) * k)])
                    let b = UnsafeBufferPointer(rebasing: sig[(j * k)..<((j + 1) * k)])
                    if MinHasher.estimate(a, b) >= cutoff {
                        needed.insert(i)
                        needed.insert(j)
                    }
                }
            }
            let found = try shingleSets(needed)
            sets.shingleSets = (0..<corpus.count).map { found[$0] ?? ShingleSet(sortedUnique: []) }
        }
        let (pairs, estimated) = verify(
            candidates, threshold: threshold, permutations: k, threads: threads,
            left: sets, right: sets)
        return (
            pairs,
            NearDuplicateStatistics(
                parameters: params, threshold: threshold, candidates: candidates.count, estimated: estimated,
                verified: pairs.count)
        )
    }

    /// Pairs (suspect document, reference document) whose Jaccard is at or above `threshold`,
    /// sorted by (suspect, reference). Both corpora must use the same k and seed.
    /// - Complexity: O(*m* × *bands* × log *m*) to index *m* reference signatures, O(*q* × *bands* ×
    ///   (*rows* + log *m*)) to probe with *q* suspect signatures, O(*P* log *P*) for *P* candidates,
    ///   then O(*k*) per candidate and O(|*A*| + |*B*|) per survivor of the pre-filter, in parallel.
    public static func acrossCorpora(
        suspect: FingerprintedCorpus, reference: FingerprintedCorpus, threshold: Double,
        parameters: LSHParameters? = nil, threads: Int
    ) -> (pairs: [NearDuplicatePair], statistics: NearDuplicateStatistics) {
        let k = reference.permutations
        precondition(suspect.permutations == k)
        let params = parameters ?? LSHParameters.optimal(threshold: threshold, permutations: k)
        let index = LSHIndex(signatures: reference.signatures, permutations: k, parameters: params, threads: threads)
        let candidates = index.candidates(forQueries: suspect.signatures, threads: threads)
        let (pairs, estimated) = verify(
            candidates, threshold: threshold, permutations: k, threads: threads, left: suspect, right: reference)
        return (
            pairs,
            NearDuplicateStatistics(
                parameters: params, threshold: threshold, candidates: candidates.count, estimated: estimated,
                verified: pairs.count)
        )
    }

    private static func verify(
        _ candidates: [UInt64], threshold: Double, permutations k: Int, threads: Int,
        left: FingerprintedCorpus, right: FingerprintedCorpus
    ) -> ([NearDuplicatePair], Int) {
        let cutoff = prefilterCutoff(threshold: threshold, permutations: k)
        let slices = max(1, min(candidates.count, threads * 8))
        let parts: [([NearDuplicatePair], Int)] = Parallel.map(count: slices, threads: threads) { s in
            var out: [NearDuplicatePair] = []
            var estimated = 0
            let lo = candidates.count * s / slices
            let hi = candidates.count * (s + 1) / slices
            left.signatures.withUnsafeBufferPointer { ls in
                right.signatures.withUnsafeBufferPointer { rs in
                    for c in lo..<hi {
                        let i = Int(candidates[c] >> 32)
                        let j = Int(candidates[c] & 0xFFFF_FFFF)
                        let a = UnsafeBufferPointer(rebasing: ls[(i * k)..<((i + 1) * k)])
                        let b = UnsafeBufferPointer(rebasing: rs[(j * k)..<((j + 1) * k)])
                        let estimate = MinHasher.estimate(a, b)
                        if estimate < cutoff { continue }
                        estimated += 1
                        let jaccard = left.shingleSets[i].jaccard(right.shingleSets[j])
                        if jaccard >= threshold {
                            out.append(NearDuplicatePair(first: i, second: j, jaccard: jaccard, estimate: estimate))
                        }
                    }
                }
            }
            return (out, estimated)
        }
        return (parts.flatMap(\.0), parts.reduce(0) { $0 + $1.1 })
    }

    /// Clusters of documents linked by `pairs` (connected components), each sorted, ordered by
    /// their first member; singletons are left out.
    /// - Complexity: O((*count* + *p*) log *count*) for *p* pairs (union–find with path halving), plus
    ///   sorting the clusters by their first member.
    public static func clusters(pairs: [NearDuplicatePair], count: Int) -> [[Int]] {
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for p in pairs {
            let a = find(p.first)
            let b = find(p.second)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [Int]] = [:]
        for i in 0..<count where !pairs.isEmpty {
            groups[find(i), default: []].append(i)
        }
        return groups.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }
}
