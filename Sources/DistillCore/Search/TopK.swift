/// Whether lower or higher scores rank first.
public enum RankOrder: Sendable, Hashable {
    /// Lower scores are better (distances).
    case ascending
    /// Higher scores are better (similarities).
    case descending
}

/// Keeps the `k` best of a stream of scored indices, deterministically.
///
/// Entries are ranked by score in the given order, and equal scores by lower index, so the ranking
/// is a strict total order (for scores without NaN): the result depends only on the set of entries
/// offered, not on the order in which they arrive or how the stream was split between selectors
/// that are later merged. A binary max-heap of the worst-first entries holds at most `k` of them.
public struct TopKSelector<Score: Comparable & Sendable>: Sendable {
    /// A scored index.
    public struct Entry: Sendable {
        public var index: Int
        public var score: Score

        /// An entry for `index` with `score`.
        /// - Complexity: O(1).
        public init(index: Int, score: Score) {
            self.index = index
            self.score = score
        }
    }

    /// How many entries are kept at most.
    public let k: Int
    /// Whether lower or higher scores rank first.
    public let order: RankOrder
    // Max-heap by rank: `heap[0]` is the worst entry kept.
    private var heap: [Entry] = []

    /// A selector keeping the `k` best entries.
    /// - Parameters:
    ///   - k: how many entries to keep (0 keeps none).
    ///   - order: whether lower or higher scores rank first.
    ///   - expectedCount: an upper bound on the entries that will be offered, to size the storage.
    /// - Complexity: O(1); room for min(*k*, `expectedCount`, 2¹⁶) entries is reserved.
    public init(k: Int, order: RankOrder, expectedCount: Int = .max) {
        precondition(k >= 0, "k must not be negative")
        self.k = k
        self.order = order
        heap.reserveCapacity(min(k, expectedCount, 1 << 16))
    }

    /// The number of entries kept.
    public var count: Int { heap.count }

    /// Whether `k` entries are kept, so a new one must beat ``worst`` to get in.
    public var isFull: Bool { heap.count >= k }

    /// The worst entry kept, or nil when none is.
    public var worst: Entry? { heap.first }

    /// Whether `a` ranks before (is better than) `b`: by score in ``order``, then by lower index.
    /// - Complexity: O(1).
    @inline(__always)
    public func ranks(_ a: Entry, before b: Entry) -> Bool {
        if a.score != b.score {
            return order == .ascending ? a.score < b.score : a.score > b.score
        }
        return a.index < b.index
    }

    /// Whether an entry with `score` and `index` would be kept if offered now.
    /// - Complexity: O(1).
    @inline(__always)
    public func admits(score: Score, index: Int) -> Bool {
        if heap.count < k { return true }
        guard let w = heap.first else { return false }
        return ranks(Entry(index: index, score: score), before: w)
    }

    /// Offers an entry, keeping it if it ranks among the `k` best so far.
    /// - Complexity: O(log *k*).
    @inline(__always)
    public mutating func insert(score: Score, index: Int) {
        let e = Entry(index: index, score: score)
        if heap.count < k {
            heap.append(e)
            siftUp(heap.count - 1)
        } else if let w = heap.first, ranks(e, before: w) {
            heap[0] = e
            siftDown(0)
        }
    }

    /// Offers every entry kept by `other`.
    /// - Complexity: O(*m* log *k*) for *m* entries in `other`.
    public mutating func merge(_ other: TopKSelector<Score>) {
        for e in other.heap { insert(score: e.score, index: e.index) }
    }

    /// The entries kept, best first.
    /// - Complexity: O(*k* log *k*).
    public func sorted() -> [Entry] {
        heap.sorted { ranks($0, before: $1) }
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        let e = heap[i]
        while i > 0 {
            let parent = (i - 1) / 2
            // The parent must rank no better than the child in a worst-first heap.
            guard ranks(heap[parent], before: e) else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = e
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let e = heap[i]
        let n = heap.count
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && ranks(heap[child], before: heap[child + 1]) { child += 1 }
            guard ranks(e, before: heap[child]) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = e
    }
}
