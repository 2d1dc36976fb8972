/// A read-only bit set kept as its nonzero 64-bit words only: a bit per word says which words are
/// nonzero, and a running count per 64 words finds a word's place among the kept ones. A reference's
/// window hits (``QueryWindowTable/WindowHits``) are a few runs (its probe documents, common phrasing)
/// in tens of millions of bits: kept for a larger width, the dense sets of ten references held 31 MB,
/// these a few hundred kB. A dense set costs about 1/64 more than itself.
struct SparseWords: Sendable, Equatable {
    /// How many 64-bit words the set spans (its dense length).
    let count: Int
    /// Bit `i` set when word `i` is nonzero.
    let present: [UInt64]
    /// The number of nonzero words before word `64 × j`, for each `j`.
    let before: [Int]
    /// The nonzero words, in order.
    let values: [UInt64]

    /// The nonzero words of `dense`.
    /// - Complexity: O(`dense.count`).
    init(_ dense: [UInt64]) {
        count = dense.count
        var present = [UInt64](repeating: 0, count: (dense.count + 63) / 64)
        var before = [Int](repeating: 0, count: present.count)
        var values: [UInt64] = []
        for (i, word) in dense.enumerated() {
            if i & 63 == 0 { before[i >> 6] = values.count }
            guard word != 0 else { continue }
            present[i >> 6] |= 1 << UInt64(i & 63)
            values.append(word)
        }
        self.present = present
        self.before = before
        self.values = values
    }

    /// Word `i` of the set (0 past its end).
    /// - Complexity: O(1).
    @inline(__always)
    subscript(i: Int) -> UInt64 {
        guard i >= 0 && i < count else { return 0 }
        let p = present[i >> 6]
        let bit: UInt64 = 1 << UInt64(i & 63)
        guard p & bit != 0 else { return 0 }
        return values[before[i >> 6] + (p & (bit - 1)).nonzeroBitCount]
    }

    /// The indices of the nonzero words in `range`, in order.
    /// - Complexity: O(`range.count` / 64 + nonzero words in it).
    func nonzero(in range: Range<Int>, _ body: (_ index: Int, _ word: UInt64) -> Void) {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return }
        for j in (range.lowerBound >> 6)...((range.upperBound - 1) >> 6) {
            var p = present[j]
            var rank = before[j]
            while p != 0 {
                let i = j << 6 + p.trailingZeroBitCount
                p &= p - 1
                if range.contains(i) { body(i, values[rank]) }
                rank += 1
            }
        }
    }
}
