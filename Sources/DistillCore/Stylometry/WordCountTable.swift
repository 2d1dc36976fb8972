/// Counts of 64-bit keys (FNV-1a word ids, n-gram hashes) in an open-addressing table with linear
/// probing, plus the UTF-8 bytes of each key's word kept once in an arena: the hot loop never builds a
/// `String`, yet every counted word can be named when it is reported.
///
/// Key 0 marks an empty slot; a real key of 0 is stored as 1 (a 2⁻⁶⁴ event for FNV ids). Counts add
/// exactly, so tables built on any split of the input merge to the same table.
public struct WordCountTable: Sendable {
    /// One slot: key (0 = empty) and count side by side, so a lookup touches one cache line.
    struct Slot: Sendable {
        var key: UInt64 = 0
        var count: UInt64 = 0
    }

    private(set) var slots: [Slot]
    /// Per slot: where the key's word starts in ``arena`` and how long it is (0 length: no text
    /// kept). Touched only when a key is first seen or named.
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
        slots = [Slot](repeating: Slot(), count: size)
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
        total &+= amount
        while true {
            let existing = slots[i].key
            if existing == k {
                slots[i].count &+= amount
                return
            }
            if existing == 0 { break }
            i = (i &+ 1) & mask
        }
        var span: UInt64 = 0
        if let word, word.count > 0, word.count < 65536 {
            span = UInt64(arena.count) << 16 | UInt64(word.count)
            arena.append(contentsOf: word)
        }
        slots[i] = Slot(key: k, count: amount)
        spans[i] = span
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Forgets every key and count, keeping the table's capacity and the arena's storage: a table
    /// reused for the next slice of a corpus neither allocates nor grows again.
    /// - Complexity: O(capacity).
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot()) }
        spans.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        arena.removeAll(keepingCapacity: true)
        count = 0
        total = 0
    }

    /// Adds `counts[d]` to the count of `ids[firstPositions[d]]` for each `d` below `distinct`, in
    /// that order, naming a new key by its word in `spans`: the same table as ``add(_:amount:word:)``
    /// for each in turn. Known keys are counted through one unsafe view of the slots.
    /// - Complexity: amortised O(1) per key, plus O(word length) per new key.
    mutating func addCounts(
        distinct: Int, firstPositions: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Int32>,
        ids: UnsafeBufferPointer<UInt64>, spans: LexicalDiversity.WordSpans
    ) {
        var d = 0
        var added: UInt64 = 0
        while d < distinct {
            let m = mask
            // Count known keys until the first new one, which goes through the general path.
            d = slots.withUnsafeMutableBufferPointer { s in
                var j = d
                outer: while j < distinct {
                    let key = Self.slotKey(ids[Int(firstPositions[j])])
                    var i = Self.home(key, mask: m)
                    while true {
                        let existing = s[i].key
                        if existing == key {
                            let amount = UInt64(counts[j])
                            s[i].count &+= amount
                            added &+= amount
                            j &+= 1
                            continue outer
                        }
                        if existing == 0 { break outer }
                        i = (i &+ 1) & m
                    }
                }
                return j
            }
            if d < distinct {
                let k = Int(firstPositions[d])
                add(
                    ids[k], amount: UInt64(counts[d]),
                    word: UnsafeBufferPointer(rebasing: spans.text[spans.starts[k]..<spans.ends[k]]))
                d &+= 1
            }
        }
        total &+= added
    }

    /// The count of `key` (0 when absent).
    public func count(of key: UInt64) -> UInt64 {
        let k = Self.slotKey(key)
        var i = Self.home(k, mask: mask)
        while true {
            let existing = slots[i].key
            if existing == k { return slots[i].count }
            if existing == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// The word kept for `key`, if any.
    public func word(for key: UInt64) -> String? {
        let k = Self.slotKey(key)
        var i = Self.home(k, mask: mask)
        while true {
            let existing = slots[i].key
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
        for i in 0..<slots.count where slots[i].key != 0 { out.append((slots[i].key, slots[i].count, word(atSlot: i))) }
        out.sort { $0.key < $1.key }
        return out
    }

    /// Calls `body(key, count)` for every entry, in slot order (use only for order-free sums).
    public func forEachEntry(_ body: (UInt64, UInt64) -> Void) {
        for slot in slots where slot.key != 0 { body(slot.key, slot.count) }
    }

    /// Adds every count of `other` (and keeps its words for keys not yet named).
    /// - Complexity: O(size of `other`).
    public mutating func merge(_ other: WordCountTable) {
        other.arena.withUnsafeBufferPointer { a in
            for (slot, span) in zip(other.slots, other.spans) where slot.key != 0 {
                let length = Int(span & 0xFFFF)
                let start = Int(span >> 16)
                add(
                    slot.key, amount: slot.count,
                    word: length > 0 ? UnsafeBufferPointer(rebasing: a[start..<(start + length)]) : nil)
            }
        }
    }

    private mutating func grow() {
        let old = slots
        let oldSpans = spans
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(), count: size)
        spans = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for (slot, span) in zip(old, oldSpans) where slot.key != 0 {
            var i = Self.home(slot.key, mask: mask)
            while slots[i].key != 0 { i = (i &+ 1) & mask }
            slots[i] = slot
            spans[i] = span
        }
    }
}
