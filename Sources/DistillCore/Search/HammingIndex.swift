import DistillKernels

/// Exhaustive nearest-neighbour search over 64-bit binary codes (SimHash fingerprints) by Hamming
/// distance, after the flat binary index of faiss (`IndexBinaryFlat`; Johnson, Douze & Jégou 2019,
/// "Billion-scale similarity search with GPUs").
///
/// Codes are packed in one `[UInt64]`; a query XORs and popcounts sixteen codes per step
/// (``DistillKernels/BitKernels/hammingCandidates(from:in:below:positions:distances:)``), keeping
/// only those under the current k-th best distance. Results are ordered by (distance, index), so
/// ties go to the lower index and every answer is the same for any thread count.
public struct HammingIndex: Sendable {
    /// A code found near a query.
    public struct Match: Sendable, Hashable, CustomStringConvertible {
        /// Position of the code in the index.
        public var index: Int
        /// Hamming distance from the query, 0...64.
        public var distance: Int

        /// A match of code `index` at Hamming `distance`.
        /// - Complexity: O(1).
        public init(index: Int, distance: Int) {
            self.index = index
            self.distance = distance
        }

        public var description: String { "(\(index), \(distance))" }
    }

    /// The codes, in insertion order.
    public private(set) var codes: [UInt64]

    /// Codes scanned per block: candidate buffers stay small and in L1, and the pruning bound is
    /// refreshed after each block.
    static let blockSize = 2048
    /// Below this many codes per thread a single query is not split.
    static let minimumCodesPerThread = 1 << 16
    /// Queries scanned together against each block of codes by ``topK(queries:k:threads:)``.
    static let maximumTile = 16

    /// An index over `codes`, whose positions become the match indices.
    /// - Complexity: O(1); the array is shared, not copied.
    public init(codes: [UInt64] = []) {
        self.codes = codes
    }

    /// The number of codes.
    public var count: Int { codes.count }

    /// Appends a code.
    /// - Returns: its index.
    /// - Complexity: O(1) amortised.
    @discardableResult
    public mutating func add(_ code: UInt64) -> Int {
        codes.append(code)
        return codes.count - 1
    }

    /// Appends codes in order.
    /// - Complexity: O(*m*) amortised for *m* new codes.
    public mutating func add<Codes: Sequence>(contentsOf newCodes: Codes) where Codes.Element == UInt64 {
        codes.append(contentsOf: newCodes)
    }

    /// The Hamming distance between two codes: the number of differing bits.
    /// - Complexity: O(1): one XOR and a popcount.
    @inlinable
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// The distance of every code from `query`, in index order.
    /// - Complexity: O(*n*).
    public func distances(from query: UInt64) -> [UInt8] {
        codes.withUnsafeBufferPointer { c in
            [UInt8](unsafeUninitializedCapacity: c.count) { out, initialized in
                BitKernels.hammingDistances(from: query, to: c, into: out)
                initialized = c.count
            }
        }
    }

    /// The `k` codes nearest to `query`, ordered by (distance, index).
    ///
    /// - Parameters:
    ///   - query: the code to search from.
    ///   - k: how many matches to return at most; 0 returns none, more than ``count`` returns all.
    ///   - threads: threads to split a large index over; the result does not depend on it.
    /// - Returns: `min(k, count)` matches, nearest first, ties by lower index.
    /// - Complexity: O(*n* + *m* log *k*), where *m*, the codes that beat the running k-th
    ///   distance, is small on typical data.
    public func topK(query: UInt64, k: Int, threads: Int = 1) -> [Match] {
        topK(query: query, k: k, threads: threads, minimumChunk: Self.minimumCodesPerThread)
    }

    /// ``topK(query:k:threads:)`` splitting the codes into chunks of at least `minimumChunk`.
    func topK(query: UInt64, k: Int, threads: Int, minimumChunk: Int) -> [Match] {
        precondition(k >= 0, "k must not be negative")
        guard k > 0, !codes.isEmpty else { return [] }
        let ranges = chunks(threads: threads, minimumChunk: minimumChunk)
        let parts = Parallel.map(count: ranges.count, threads: threads) { r in
            self.select(query: query, k: k, range: ranges[r])
        }
        var selector = parts[0]
        for part in parts.dropFirst() { selector.merge(part) }
        return selector.sorted().map { Match(index: $0.index, distance: $0.score) }
    }

    /// The `k` nearest codes for each query, in query order.
    ///
    /// - Parameters:
    ///   - queries: the codes to search from.
    ///   - k: how many matches per query at most.
    ///   - threads: threads to spread the queries over; the result does not depend on it.
    /// - Returns: one list per query, as ``topK(query:k:threads:)`` returns it.
    /// - Complexity: O(*q* × *n*) spread over the threads.
    public func topK(queries: [UInt64], k: Int, threads: Int) -> [[Match]] {
        precondition(k >= 0, "k must not be negative")
        guard k > 0, !codes.isEmpty else { return queries.map { _ in [] } }
        let q = queries.count
        // Tiles of queries share each block of codes while it sits in L1, so the codes stream from
        // memory once per tile instead of once per query (one query per pass leaves two threads
        // waiting on the shared cache). Tiles are small enough to keep every thread busy; a
        // query's candidates arrive in index order whatever its tile, so results never change.
        let tile = max(1, min(Self.maximumTile, (q + max(1, threads) - 1) / max(1, threads)))
        let tiles = (q + tile - 1) / tile
        let results = Parallel.map(count: tiles, threads: threads) { t in
            let members = Array(queries[(t * tile)..<min(q, (t + 1) * tile)])
            return self.select(queries: members, k: k, range: 0..<self.codes.count)
                .map { selector in selector.sorted().map { Match(index: $0.index, distance: $0.score) } }
        }
        return Array(results.joined())
    }

    /// Every code within `maxDistance` of `query`, ordered by (distance, index).
    ///
    /// Manku, Jain & Das Sarma (2007, "Detecting near-duplicates for web crawling") call 64-bit
    /// SimHashes within 3 bits near-duplicates.
    ///
    /// - Parameters:
    ///   - query: the code to search from.
    ///   - maxDistance: the largest distance included; negative returns none, 64 or more returns all.
    ///   - threads: threads to split a large index over; the result does not depend on it.
    /// - Returns: the matches, nearest first, ties by lower index.
    /// - Complexity: O(*n* + *m*) for *m* matches (a counting sort by distance).
    public func withinDistance(query: UInt64, maxDistance: Int, threads: Int = 1) -> [Match] {
        withinDistance(
            query: query, maxDistance: maxDistance, threads: threads, minimumChunk: Self.minimumCodesPerThread)
    }

    /// ``withinDistance(query:maxDistance:threads:)`` splitting the codes into chunks of at least
    /// `minimumChunk`.
    func withinDistance(query: UInt64, maxDistance: Int, threads: Int, minimumChunk: Int) -> [Match] {
        guard maxDistance >= 0, !codes.isEmpty else { return [] }
        let bound = min(maxDistance, 64) + 1
        let ranges = chunks(threads: threads, minimumChunk: minimumChunk)
        let parts = Parallel.map(count: ranges.count, threads: threads) { r in
            self.collect(query: query, below: bound, range: ranges[r])
        }
        // Counting sort by distance; each part is in index order and parts are in range order, so
        // the placement is stable and ties stay in index order.
        var histogram = [Int](repeating: 0, count: 66)
        for part in parts {
            for m in part { histogram[m.distance + 1] += 1 }
        }
        for d in 1..<66 { histogram[d] += histogram[d - 1] }
        var out = [Match](repeating: Match(index: 0, distance: 0), count: histogram[65])
        for part in parts {
            for m in part {
                out[histogram[m.distance]] = m
                histogram[m.distance] += 1
            }
        }
        return out
    }

    /// Index ranges of about equal size, one per thread, for splitting one query.
    private func chunks(threads: Int, minimumChunk: Int) -> [Range<Int>] {
        let n = codes.count
        let parts = max(1, min(threads, n / max(1, minimumChunk)))
        return (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
    }

    /// The k best codes of `range`, scanned block by block with a bound that tightens as it goes.
    private func select(query: UInt64, k: Int, range: Range<Int>) -> TopKSelector<Int> {
        select(queries: [query], k: k, range: range)[0]
    }

    /// The k best codes of `range` for each of `queries`: each block of codes is scanned for every
    /// query in turn while it is in L1, with each query's bound tightening as it goes.
    private func select(queries: [UInt64], k: Int, range: Range<Int>) -> [TopKSelector<Int>] {
        var selectors = queries.map { _ in TopKSelector<Int>(k: k, order: .ascending, expectedCount: range.count) }
        withScratch { positions, distances in
            codes.withUnsafeBufferPointer { all in
                selectors.withUnsafeMutableBufferPointer { chosen in
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let end = min(start + Self.blockSize, range.upperBound)
                        let block = UnsafeBufferPointer(rebasing: all[start..<end])
                        for (t, query) in queries.enumerated() {
                            // Indices only grow, so a later code at the k-th distance loses its tie.
                            let bound = chosen[t].isFull ? chosen[t].worst!.score : 65
                            let found = BitKernels.hammingCandidates(
                                from: query, in: block, below: bound, positions: positions, distances: distances)
                            for j in 0..<found {
                                let d = Int(distances[j])
                                let index = start + Int(positions[j])
                                if chosen[t].admits(score: d, index: index) { chosen[t].insert(score: d, index: index) }
                            }
                        }
                        start = end
                    }
                }
            }
        }
        return selectors
    }

    /// The codes of `range` at distance below `bound`, in index order.
    private func collect(query: UInt64, below bound: Int, range: Range<Int>) -> [Match] {
        var out = [Match]()
        withScratch { positions, distances in
            codes.withUnsafeBufferPointer { all in
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = min(start + Self.blockSize, range.upperBound)
                    let found = BitKernels.hammingCandidates(
                        from: query, in: UnsafeBufferPointer(rebasing: all[start..<end]), below: bound,
                        positions: positions, distances: distances)
                    for j in 0..<found {
                        out.append(Match(index: start + Int(positions[j]), distance: Int(distances[j])))
                    }
                    start = end
                }
            }
        }
        return out
    }

    private func withScratch(
        _ body: (UnsafeMutableBufferPointer<UInt32>, UnsafeMutableBufferPointer<UInt8>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.blockSize) { positions in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockSize) { distances in
                body(positions, distances)
            }
        }
    }
}
