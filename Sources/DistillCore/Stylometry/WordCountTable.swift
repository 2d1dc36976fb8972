/// Counts of 64-bit keys (FNV-1a word ids, n-gram hashes) in an open-addressing table with linear
/// probing, plus the UTF-8 bytes of each key's word kept once in an arena: the hot loop never builds a
/// `String`, yet every counted word can be named when it is reported.
///
/// Key 0 marks an empty slot; a real key of 0 is stored as 1 (a 2⁻⁶⁴ event for FNV ids). Counts add
/// exactly, so tables built on any split of the input merge to the same table.
public struct WordCountTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var counts: [UInt64]
    /// Where each slot's word starts in ``arena`` and how long it is (0 length: no text kept).
    private(set) var spans: [UInt64]
    private(set) var arena: [UInt8] = []
    /// Number of distinct keys.
    public private(set) var count = 0
    /// Sum of all counts.
    public private(set) var total: UInt64 = 0
    private var mask: Int

    /// An empty table with room for about `capacity` keys before it grows.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [UInt64](repeating: 0, count: size)
        spans = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) static func home(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `amount` to the count of `key`; on first sight stores `word` (the key's UTF-8 bytes).
    /// - Complexity: amortised O(1), plus O(word length) the first time a key is seen.
    @inline(__always)
    public mutating func add(_ key: UInt64, amount: UInt64 = 1, word: UnsafeBufferPointer<UInt8>? = nil) {
        let k = Self.slotKey(key)
        var i = Self.home(k, mask: mask)
        while true {
            let existing = keys[i]
            if existing == k {
                counts[i] &+= amount
                total &+= amount
                return
            }
            if existing == 0 { break }
            i = (i &+ 1) & mask
        }
        keys[i] = k
        counts[i] = amount
        total &+= amount
        if let word, word.count > 0, word.count < 65536 {
            spans[i] = UInt64(arena.count) << 16 | UInt64(word.count)
            arena.append(contentsOf: word)
        }
        count += 1
        if count * 2 > keys.count { grow() }
    }

    /// The count of `key` (0 when absent).
    public func count(of key: UInt64) -> UInt64 {
        let k = Self.slotKey(key)
        var i = Self.home(k, mask: mask)
        while true {
            let existing = keys[i]
            if existing == k { return counts[i] }
            if existing == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// The word kept for `key`, if any.
    public func word(for key: UInt64) -> String? {
        let k = Self.slotKey(key)
        var i = Self.home(k, mask: mask)
        while true {
            let existing = keys[i]
            if existing == k { return word(atSlot: i) }
            if existing == 0 { return nil }
            i = (i &+ 1) & mask
        }
    }

    private func word(atSlot i: Int) -> String? {
        let span = spans[i]
        let length = Int(span & 0xFFFF)
        if length == 0 { return nil }
        let start = Int(span >> 16)
        return String(decoding: arena[start..<(start + length)], as: UTF8.self)
    }

    /// Every (key, count, word) entry, sorted by key: a deterministic order.
    /// - Complexity: O(*n* log *n*) in the number of keys.
    public func entries() -> [(key: UInt64, count: UInt64, word: String?)] {
        var out: [(key: UInt64, count: UInt64, word: String?)] = []
        out.reserveCapacity(count)
        for i in 0..<keys.count where keys[i] != 0 { out.append((keys[i], counts[i], word(atSlot: i))) }
        out.sort { $0.key < $1.key }
        return out
    }

    /// Calls `body(key, count)` for every entry, in slot order (use only for order-free sums).
    public func forEachEntry(_ body: (UInt64, UInt64) -> Void) {
        for i in 0..<keys.count where keys[i] != 0 { body(keys[i], counts[i]) }
    }

    /// Adds every count of `other` (and keeps its words for keys not yet named).
    /// - Complexity: O(size of `other`).
    public mutating func merge(_ other: WordCountTable) {
        for i in 0..<other.keys.count where other.keys[i] != 0 {
            let span = other.spans[i]
            let length = Int(span & 0xFFFF)
            if length > 0 {
                let start = Int(span >> 16)
                other.arena.withUnsafeBufferPointer { a in
                    add(
                        other.keys[i], amount: other.counts[i],
                        word: UnsafeBufferPointer(rebasing: a[start..<(start + length)]))
                }
            } else {
                add(other.keys[i], amount: other.counts[i])
            }
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldCounts = counts
        let oldSpans = spans
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        counts = [UInt64](repeating: 0, count: size)
        spans = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for j in 0..<oldKeys.count where oldKeys[j] != 0 {
            var i = Self.home(oldKeys[j], mask: mask)
            while keys[i] != 0 { i = (i &+ 1) & mask }
            keys[i] = oldKeys[j]
            counts[i] = oldCounts[j]
            spans[i] = oldSpans[j]
        }
    }
}
