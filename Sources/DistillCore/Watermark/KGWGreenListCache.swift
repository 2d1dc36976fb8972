/// Green lists of a ``KGWScheme`` as bit sets, built on first use and kept for reuse.
///
/// Building a green list costs a seeded shuffle of the vocabulary (≈ 0.1–0.5 ms at |V| = 50k); a cached
/// membership test is one bit read. Lists are keyed by the low 32 bits of the seed (all PyTorch's
/// generator uses). MarkLLM's seeds lie below |V| and index a flat table; other seeds go through an
/// open-addressing table (Fibonacci hashing, linear probing; no `Hasher`, so lookups stay cheap). When the cache holds `capacity` lists it is emptied and refilled (no eviction order to
/// maintain; text reuses few contexts).
///
/// A value type: give each thread its own cache.
public struct KGWGreenListCache: Sendable {
    /// The scheme whose lists are cached.
    public let scheme: KGWScheme
    /// The most lists held at once.
    public let capacity: Int
    /// `UInt64` words per bit set.
    let wordsPerList: Int
    /// Bit sets, `wordsPerList` words each, in slot order.
    private(set) var words: [UInt64] = []
    /// Slot of each seed below |V| (−1: absent), for MarkLLM seeding.
    private var slotBySeed: [Int32]
    /// Open-addressing table for other seeds: 32-bit seed and slot (−1: empty), power-of-two size.
    private var tableKeys: [UInt32] = []
    private var tableSlots: [Int32] = []
    /// Lists held.
    public private(set) var count = 0
    /// Lists built since creation (cache misses).
    public private(set) var builds = 0

    /// An empty cache.
    /// - Parameters:
    ///   - scheme: The scheme.
    ///   - maximumBytes: Memory bound for the bit sets (default 256 MiB, ≈ 40,000 lists at |V| = 50,257).
    /// - Complexity: O(|V|) for MarkLLM seeding (the seed table), O(1) otherwise.
    public init(scheme: KGWScheme, maximumBytes: Int = 256 << 20) {
        self.scheme = scheme
        wordsPerList = (scheme.vocabularySize + 63) / 64
        capacity = Swift.max(1, maximumBytes / (wordsPerList * 8))
        slotBySeed = scheme.seedsAreBelowVocabularySize ? [Int32](repeating: -1, count: scheme.vocabularySize) : []
        if slotBySeed.isEmpty {
            tableKeys = [UInt32](repeating: 0, count: 1024)
            tableSlots = [Int32](repeating: -1, count: 1024)
        }
    }

    /// The table index holding `key`, or the empty one where it would go.
    @inline(__always)
    private func probe(_ key: UInt32) -> Int {
        let mask = tableSlots.count - 1
        var i = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while tableSlots[i] >= 0 && tableKeys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// Doubles the open-addressing table.
    private mutating func grow() {
        let oldKeys = tableKeys
        let oldSlots = tableSlots
        tableKeys = [UInt32](repeating: 0, count: oldSlots.count * 2)
        tableSlots = [Int32](repeating: -1, count: oldSlots.count * 2)
        for (k, s) in zip(oldKeys, oldSlots) where s >= 0 {
            let i = probe(k)
            tableKeys[i] = k
            tableSlots[i] = s
        }
    }

    /// The slot of `seed`'s green list, building it on a miss.
    /// - Complexity: O(1) on a hit; O(|V|) on a miss.
    @inline(__always)
    public mutating func slot(seed: UInt64) -> Int {
        let key = UInt32(truncatingIfNeeded: seed)
        if !slotBySeed.isEmpty {
            let s = slotBySeed[Int(seed)]
            if s >= 0 { return Int(s) }
        } else {
            let s = probe(key)
            if tableSlots[s] >= 0 { return Int(tableSlots[s]) }
        }
        return build(seed: seed, key: key)
    }

    /// Whether `token` is in the green list of slot `slot`; ids outside the vocabulary are never green
    /// (as in MarkLLM's `curr_token in greenlist_ids`).
    /// - Complexity: O(1).
    @inline(__always)
    public func isGreen(token: Int, slot: Int) -> Bool {
        guard token >= 0, token < scheme.vocabularySize else { return false }
        let word = words[slot &* wordsPerList &+ (token >> 6)]
        return (word >> UInt64(token & 63)) & 1 == 1
    }

    /// Whether `token` is green after a context with seed `seed`.
    /// - Complexity: O(1) on a hit; O(|V|) on a miss.
    @inline(__always)
    public mutating func isGreen(token: Int, seed: UInt64) -> Bool {
        let s = slot(seed: seed)
        return isGreen(token: token, slot: s)
    }

    private mutating func build(seed: UInt64, key: UInt32) -> Int {
        if count == capacity {
            count = 0
            words.removeAll(keepingCapacity: true)
            if !slotBySeed.isEmpty {
                for i in slotBySeed.indices { slotBySeed[i] = -1 }
            } else {
                for i in tableSlots.indices { tableSlots[i] = -1 }
            }
        }
        let slot = count
        let base = words.count
        words.append(contentsOf: repeatElement(0, count: wordsPerList))
        let list = scheme.greenList(seed: UInt64(key))
        words.withUnsafeMutableBufferPointer { buffer in
            let set = buffer.baseAddress! + base
            list.withUnsafeBufferPointer { ids in
                for id in ids { set[Int(id >> 6)] |= 1 << UInt64(id & 63) }
            }
        }
        if !slotBySeed.isEmpty {
            slotBySeed[Int(seed)] = Int32(slot)
        } else {
            if (count + 1) * 2 > tableSlots.count { grow() }
            let s = probe(key)
            tableKeys[s] = key
            tableSlots[s] = Int32(slot)
        }
        count += 1
        builds += 1
        return slot
    }
}
