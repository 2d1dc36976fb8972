extension NGramContainmentScorer {
    /// The suspect's windows of one width found in some reference, a bit a window (window `w` of
    /// document `d` is bit `start[d] + w`), kept to narrow a larger width's table.
    ///
    /// A suspect window of width *n* can be in a reference only when its first and last windows of a
    /// smaller width *m* (at `w` and `w + n − m`) are in it too. When every reference was read from word
    /// streams, membership is exact (each window hashed from its words: no key of another window can
    /// match), so the larger width's table needs only the suspect windows whose two smaller windows were
    /// found in some reference; the others count as windows and never have an id, which is what the
    /// full table would give them. Key partitions match 48-bit keys, so a window whose smaller windows
    /// were not found can still collide there: the narrowing is used only after a width whose
    /// references all kept word streams.
    struct SuspectCandidates: Sendable {
        /// The width whose windows were found.
        let n: Int
        let start: [Int]
        let bits: [UInt64]

        /// The bits of the suspect documents' `hits` (documents `0..<suspectCount` of `table`).
        /// - Complexity: O(suspect windows / 64 + suspect hits).
        init(n: Int, table: QueryWindowTable, hits: QueryWindowTable.Hits, suspectCount: Int) {
            self.n = n
            start = Array(table.documentStart[0...suspectCount])
            var bits = [UInt64](repeating: 0, count: (start[suspectCount] + 63) / 64)
            for d in 0..<suspectCount {
                for h in hits.start[d]..<hits.start[d + 1] {
                    let b = start[d] + Int(hits.positions[h])
                    bits[b >> 6] |= 1 << UInt64(b & 63)
                }
            }
            self.bits = bits
        }

        /// The window values of suspect document `d` (word ids `ids`) at width `width` > `n`: the
        /// key of each window whose first and last `n`-gram were found, and 1 (not a key: no low
        /// 16 bits clear) for the others; as many values as ``Shingler/hashes(of:n:includeShortTail:)``
        /// gives windows.
        /// - Complexity: O(windows) bit tests, plus O(*width*) hashing a candidate.
        func windows(document d: Int, ids: [UInt64], width: Int) -> [UInt64] {
            precondition(width > n, "a narrowing needs a smaller width")
            let count = ids.count >= width ? ids.count - width + 1 : 0
            var keys = [UInt64](repeating: 1, count: count)
            let (base, shift) = (start[d], width - n)
            ids.withUnsafeBufferPointer { p in
                for w in 0..<count {
                    let (a, b) = (base + w, base + w + shift)
                    guard bits[a >> 6] >> UInt64(a & 63) & bits[b >> 6] >> UInt64(b & 63) & 1 != 0 else { continue }
                    keys[w] = NGramKeySet.key(StableHash.shingle(UnsafeBufferPointer(rebasing: p[w..<(w + width)])))
                }
            }
            return keys
        }
    }
}
