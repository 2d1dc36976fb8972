/// A set of ids below a capacity, kept as a bit set or, when sparse, as its ascending ids: a
/// reference's membership among 24 million query keys is often a few thousand ids, 50 kB instead of
/// a 3 MB bit set, and a score holds one per reference and width.
struct IDSet: Sendable {
    private let words: [UInt64]
    private let ids: [UInt32]
    /// The bit set's length in words.
    let wordCount: Int

    /// The set of the ids set in `bits`, kept as a list when that is smaller (fewer set bits than
    /// one in 32).
    /// - Complexity: O(words of `bits`).
    init(bits: [UInt64]) {
        wordCount = bits.count
        var set = 0
        for w in bits { set += w.nonzeroBitCount }
        guard set * 32 < bits.count * 64, bits.count * 64 <= Int(UInt32.max) else {
            words = bits
            ids = []
            return
        }
        var list: [UInt32] = []
        list.reserveCapacity(set)
        for (i, w) in bits.enumerated() where w != 0 {
            var x = w
            while x != 0 {
                list.append(UInt32(i * 64 + x.trailingZeroBitCount))
                x &= x - 1
            }
        }
        words = []
        ids = list
    }

    /// The bit set.
    /// - Complexity: O(words).
    var bits: [UInt64] {
        guard words.isEmpty else { return words }
        var out = [UInt64](repeating: 0, count: wordCount)
        for id in ids { out[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        return out
    }

    /// Calls `body` with every id, ascending.
    /// - Complexity: O(ids) for a list, O(words) for a bit set.
    func visit(_ body: (Int) -> Void) {
        guard words.isEmpty else {
            for (i, w) in words.enumerated() where w != 0 {
                var x = w
                while x != 0 {
                    body(i * 64 + x.trailingZeroBitCount)
                    x &= x - 1
                }
            }
            return
        }
        for id in ids { body(Int(id)) }
    }

    /// Sets every id of the set in `bits` (a bit set of at least ``wordCount`` words).
    /// - Complexity: O(ids) for a list, O(words) for a bit set.
    func add(to bits: inout [UInt64]) {
        guard words.isEmpty else {
            for i in words.indices { bits[i] |= words[i] }
            return
        }
        for id in ids { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    }
}
