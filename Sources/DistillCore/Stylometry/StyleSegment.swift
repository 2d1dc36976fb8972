/// A bootstrap unit of attribution: the word counts of one document, or of one stretch of at most
/// `segmentWords` consecutive words of it, as sorted (word id, count) pairs.
public struct StyleSegment: Sendable, Hashable {
    /// Index of the document it came from, in reading order (within the piece it was read from).
    public var document: Int
    /// Words in the segment.
    public var words: Int
    /// Distinct word ids, ascending.
    public var keys: [UInt64]
    /// Count of each key.
    public var counts: [UInt32]

    public init(document: Int, words: Int, keys: [UInt64], counts: [UInt32]) {
        self.document = document
        self.words = words
        self.keys = keys
        self.counts = counts
    }

    /// The counts of `ids`.
    /// - Complexity: O(*n* log *n*).
    public init(document: Int, ids: UnsafeBufferPointer<UInt64>) {
        var sorted = Array(ids)
        sorted.sort()
        var keys: [UInt64] = []
        var counts: [UInt32] = []
        for id in sorted {
            if keys.last == id {
                counts[counts.count - 1] &+= 1
            } else {
                keys.append(id)
                counts.append(1)
            }
        }
        self.init(document: document, words: ids.count, keys: keys, counts: counts)
    }

    /// The count of `id` (binary search).
    public func count(of id: UInt64) -> UInt32 {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == id ? counts[lo] : 0
    }
}
