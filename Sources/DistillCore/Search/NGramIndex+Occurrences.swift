/// Finding where quoted n-grams first occur, for evidence.
extension NGramIndex {
    /// Where each of `windows` (n word ids each) first occurs in `documents` (the corpus this index
    /// was built from): the lowest document, then the lowest token offset there, keyed by the
    /// window's n-gram hash. Windows that do not occur are absent.
    /// - Complexity: one parallel pass over `documents`, hashing only at positions whose word starts
    ///   one of `windows`; meant for the few n-grams that end up quoted as evidence.
    public func firstOccurrences(of windows: [[UInt64]], in documents: [[UInt64]], threads: Int) -> [UInt64:
        Occurrence]
    {
        let n = self.n
        let hashes = Set(windows.filter { $0.count == n }.map { StableHash.shingle($0) })
        if hashes.isEmpty { return [:] }
        let wanted = SmallHashSet(hashes)
        // A 64 Ki-bit map of the windows' opening word pairs: most positions are passed over after
        // one bit test, and only the rest are hashed.
        var openings = [UInt64](repeating: 0, count: 1024)
        for w in windows where w.count == n {
            let key = Self.openingKey(w[0], n > 1 ? w[1] : 0)
            openings[key >> 6] |= 1 << UInt64(key & 63)
        }
        let sliceCount = max(1, min(documents.count, threads * 8))
        let bits = openings
        let found: [[UInt64: Occurrence]] = Parallel.map(count: sliceCount, threads: threads) { s in
            let lo = documents.count * s / sliceCount
            let hi = documents.count * (s + 1) / sliceCount
            var out: [UInt64: Occurrence] = [:]
            bits.withUnsafeBufferPointer { bitmap in
                for d in lo..<hi where documents[d].count >= n {
                    documents[d].withUnsafeBufferPointer { words in
                        for position in 0...(words.count - n) {
                            let key = Self.openingKey(words[position], n > 1 ? words[position + 1] : 0)
                            guard bitmap[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                            var h: UInt64 = 0
                            for i in position..<(position + n) { h = StableHash.splitmix64(h ^ words[i]) }
                            if wanted.contains(h) && out[h] == nil {
                                out[h] = Occurrence(document: d, position: position)
                            }
                        }
                    }
                    if out.count == hashes.count { break }
                }
            }
            return out
        }
        // Slices are in document order: the first slice that saw a hash saw its first occurrence.
        var result: [UInt64: Occurrence] = [:]
        for part in found {
            for (h, o) in part where result[h] == nil { result[h] = o }
        }
        return result
    }

    @inline(__always)
    static func openingKey(_ first: UInt64, _ second: UInt64) -> Int {
        Int(truncatingIfNeeded: (((first &* 0x9E37_79B9_7F4A_7C15) ^ second) &* 0xBF58_476D_1CE4_E5B9) >> 48)
    }

    /// A place in the indexed corpus.
    public struct Occurrence: Sendable, Hashable {
        public var document: Int
        public var position: Int
    }
}

/// A fixed set of a few hashes, for membership tests in a hot loop.
struct SmallHashSet: Sendable {
    private let keys: [UInt64]
    private let used: [Bool]
    private let mask: Int

    init(_ values: Set<UInt64>) {
        var capacity = 16
        while capacity < values.count * 4 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var used = [Bool](repeating: false, count: capacity)
        for v in values.sorted() {
            var slot = Int(truncatingIfNeeded: v ^ (v >> 29)) & (capacity - 1)
            while used[slot] && keys[slot] != v { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = v
            used[slot] = true
        }
        self.keys = keys
        self.used = used
        self.mask = capacity - 1
    }

    @inline(__always)
    func contains(_ value: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & mask
        while used[slot] {
            if keys[slot] == value { return true }
            slot = (slot + 1) & mask
        }
        return false
    }
}
