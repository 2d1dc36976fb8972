import DistillKernels

/// Exhaustive nearest-neighbour search over dense vectors by cosine similarity (used by stylometry:
/// Cosine Delta, Smith & Aldridge 2011, "Improving authorship attribution: optimizing Burrows'
/// Delta method").
///
/// Rows are normalised to unit length when added (in double precision, then rounded to `Float`), so
/// a similarity is one dot product, computed by ``DistillKernels/DotKernels`` in a fixed order:
/// a score never depends on threads or batching. Results are ordered by (similarity descending,
/// index ascending).
public struct CosineIndex: Sendable {
    /// A row found near a query.
    public struct Match: Sendable, Hashable, CustomStringConvertible {
        /// Position of the row in the index.
        public var index: Int
        /// Cosine similarity with the query, in [-1, 1] up to rounding; 0 when either vector is zero.
        public var similarity: Float

        /// A match of row `index` at cosine `similarity`.
        /// - Complexity: O(1).
        public init(index: Int, similarity: Float) {
            self.index = index
            self.similarity = similarity
        }

        public var description: String { "(\(index), \(similarity))" }
    }

    /// The length of every vector.
    public let dimension: Int
    /// The unit-length rows, one after the other (row `i` is `rows[i * dimension ..< (i + 1) * dimension]`).
    public private(set) var rows: [Float] = []

    /// Bytes of rows scored per block: the block stays in L2 while every query of a tile is scored
    /// against it, so a batch reads the matrix from memory once per tile, not once per query.
    static let blockBytes = 256 << 10
    /// Queries scored together against each block in a batch.
    static let maximumTile = 16
    /// Below this many multiply-adds per thread a single query is not split.
    static let minimumWorkPerThread = 1 << 18

    /// An empty index of vectors of length `dimension`.
    /// - Complexity: O(1).
    public init(dimension: Int) {
        precondition(dimension > 0, "dimension must be positive")
        self.dimension = dimension
    }

    /// An index holding `vectors`, each of length `dimension`, in order.
    /// - Complexity: O(*n* × *d*) for *n* vectors of *d* values.
    public init(dimension: Int, vectors: [[Float]]) {
        self.init(dimension: dimension)
        rows.reserveCapacity(vectors.count * dimension)
        for v in vectors { add(v) }
    }

    /// The number of rows.
    public var count: Int { rows.count / dimension }

    /// The stored (unit-length or zero) row at `index`.
    /// - Complexity: O(1); the slice shares the index's storage.
    public func row(_ index: Int) -> ArraySlice<Float> {
        rows[(index * dimension)..<((index + 1) * dimension)]
    }

    /// Appends `vector`, normalised to unit length (a zero vector stays zero).
    /// - Parameter vector: `dimension` finite values.
    /// - Returns: its index.
    /// - Complexity: O(*d*).
    @discardableResult
    public mutating func add(_ vector: [Float]) -> Int {
        precondition(vector.count == dimension, "vector length \(vector.count) != dimension \(dimension)")
        rows.append(contentsOf: Self.normalized(vector))
        return count - 1
    }

    /// `vector` divided by its Euclidean norm, computed in double precision in index order and
    /// rounded once per element; a zero vector is returned unchanged.
    /// - Complexity: O(*d*).
    public static func normalized(_ vector: [Float]) -> [Float] {
        precondition(vector.allSatisfy(\.isFinite), "vector holds a non-finite value")
        var sum = 0.0
        for x in vector { sum += Double(x) * Double(x) }
        guard sum > 0 else { return vector.map { _ in 0 } }
        let norm = sum.squareRoot()
        return vector.map { Float(Double($0) / norm) }
    }

    /// The cosine similarity of `query` with every row, in index order.
    /// - Complexity: O(*n* × *d*).
    public func similarities(to query: [Float]) -> [Float] {
        precondition(query.count == dimension, "query length \(query.count) != dimension \(dimension)")
        let q = Self.normalized(query)
        let n = count
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            q.withUnsafeBufferPointer { qb in
                rows.withUnsafeBufferPointer { rb in
                    DotKernels.dots(query: qb, rows: rb, into: out)
                }
            }
            initialized = n
        }
    }

    /// The `k` rows most similar to `query`, ordered by (similarity descending, index ascending).
    ///
    /// - Parameters:
    ///   - query: `dimension` finite values; it is normalised first, and a zero query scores 0
    ///     against every row.
    ///   - k: how many matches to return at most; 0 returns none, more than ``count`` returns all.
    ///   - threads: threads to split a large index over; the result does not depend on it.
    /// - Returns: `min(k, count)` matches, most similar first, ties by lower index.
    /// - Complexity: O(*n* × *d* + *m* log *k*), *m* the rows that beat the running k-th score.
    public func topK(query: [Float], k: Int, threads: Int = 1) -> [Match] {
        topK(query: query, k: k, threads: threads, minimumWork: Self.minimumWorkPerThread)
    }

    /// ``topK(query:k:threads:)`` splitting the rows into chunks of at least `minimumWork`
    /// multiply-adds.
    func topK(query: [Float], k: Int, threads: Int, minimumWork: Int) -> [Match] {
        precondition(query.count == dimension, "query length \(query.count) != dimension \(dimension)")
        precondition(k >= 0, "k must not be negative")
        guard k > 0, count > 0 else { return [] }
        let q = Self.normalized(query)
        let n = count
        let parts = max(1, min(threads, n * dimension / max(1, minimumWork)))
        let selectors = Parallel.map(count: parts, threads: threads) { p in
            self.select(queries: [q], k: k, range: (n * p / parts)..<(n * (p + 1) / parts))[0]
        }
        var selector = selectors[0]
        for s in selectors.dropFirst() { selector.merge(s) }
        return selector.sorted().map { Match(index: $0.index, similarity: $0.score) }
    }

    /// The `k` most similar rows for each query, in query order.
    ///
    /// - Parameters:
    ///   - queries: vectors of length `dimension`.
    ///   - k: how many matches per query at most.
    ///   - threads: threads to spread the queries over; the result does not depend on it.
    /// - Returns: one list per query, as ``topK(query:k:threads:)`` returns it.
    /// - Complexity: O(*q* × *n* × *d*) spread over the threads; the rows are read from memory once
    ///   per tile of up to 16 queries.
    public func topK(queries: [[Float]], k: Int, threads: Int) -> [[Match]] {
        precondition(k >= 0, "k must not be negative")
        for query in queries {
            precondition(query.count == dimension, "query length \(query.count) != dimension \(dimension)")
        }
        guard k > 0, count > 0 else { return queries.map { _ in [] } }
        let q = queries.count
        // Tiles small enough to keep every thread busy; each score is the same dot product, so
        // the tiling never changes a result.
        let tile = max(1, min(Self.maximumTile, (q + max(1, threads) - 1) / max(1, threads)))
        let tiles = (q + tile - 1) / tile
        let results = Parallel.map(count: tiles, threads: threads) { t in
            let members = (t * tile)..<min(q, (t + 1) * tile)
            return self.select(queries: members.map { Self.normalized(queries[$0]) }, k: k, range: 0..<self.count)
                .map { selector in selector.sorted().map { Match(index: $0.index, similarity: $0.score) } }
        }
        return Array(results.joined())
    }

    /// The k best rows of `range` for each of `queries` (normalised), scored a block of rows at a
    /// time against every query.
    private func select(queries: [[Float]], k: Int, range: Range<Int>) -> [TopKSelector<Float>] {
        var selectors = queries.map { _ in TopKSelector<Float>(k: k, order: .descending, expectedCount: range.count) }
        let d = dimension
        let blockRows = max(16, Self.blockBytes / (4 * d))
        withUnsafeTemporaryAllocation(of: Float.self, capacity: blockRows) { scores in
            rows.withUnsafeBufferPointer { all in
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = min(start + blockRows, range.upperBound)
                    let block = UnsafeMutableBufferPointer(rebasing: scores[0..<(end - start)])
                    let matrix = UnsafeBufferPointer(rebasing: all[(start * d)..<(end * d)])
                    for (t, query) in queries.enumerated() {
                        query.withUnsafeBufferPointer { DotKernels.dots(query: $0, rows: matrix, into: block) }
                        for j in 0..<block.count where selectors[t].admits(score: block[j], index: start + j) {
                            selectors[t].insert(score: block[j], index: start + j)
                        }
                    }
                    start = end
                }
            }
        }
        return selectors
    }
}
