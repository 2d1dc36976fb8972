/// A compact hash index of a reference corpus's word n-grams: for each distinct n-gram hash, how
/// many reference documents contain it (document frequency) and where it first occurs.
///
/// The table is split by the hash's top bits into partitions, each an open-addressing table with
/// linear probing and its columns in separate arrays, built in parallel. Documents are inserted in
/// corpus order, so the first occurrence is well defined and the index is the same for any thread
/// count.
public struct NGramIndex: Sendable {
    /// One occurrence-summary of an n-gram in the reference.
    public struct Entry: Sendable, Hashable {
        /// Distinct reference documents that contain the n-gram.
        public var documentFrequency: Int
        /// The first document (in corpus order) that contains it, and the token offset there.
        public var firstDocument: Int
        public var firstPosition: Int
    }

    /// The n-gram width.
    public let n: Int
    /// Distinct n-grams in the index.
    public let distinctCount: Int
    // One open-addressing table per partition, all laid end to end in flat columns. A key of 0 marks
    // an empty slot, so a miss reads only `keys`; the n-gram whose hash really is 0 is kept apart.
    let keys: ZeroedBuffer<UInt64>
    let frequency: ZeroedBuffer<UInt32>
    let firstDocument: ZeroedBuffer<UInt32>
    let firstPosition: ZeroedBuffer<UInt32>
    let partitionBase: [Int]
    let partitionMask: [Int]
    let zeroEntry: Entry?
    let partitionShift: UInt64

    static let partitionBits = 6

    /// Indexes the word ids of `documents`.
    /// - Complexity: O(total tokens × *n*) hashing, then O(distinct n-grams) expected inserts.
    public init(documents: [[UInt64]], n: Int, threads: Int) {
        precondition(n >= 1)
        self.n = n
        let partitionCount = 1 << Self.partitionBits
        let shift = UInt64(64 - Self.partitionBits)
        self.partitionShift = shift
        // 1. Hash each document's n-grams, keep each distinct one once (first position), and bucket
        //    the entries by partition, in slices of consecutive documents.
        let sliceCount = max(1, min(documents.count, threads * 8))
        struct SliceBuckets: Sendable {
            var hashes: [[UInt64]]
            var places: [[UInt64]]  // document << 32 | position
        }
        let slices: [SliceBuckets] = Parallel.map(count: sliceCount, threads: threads) { s in
            var buckets = SliceBuckets(
                hashes: Array(repeating: [], count: partitionCount), places: Array(repeating: [], count: partitionCount)
            )
            let lo = documents.count * s / sliceCount
            let hi = documents.count * (s + 1) / sliceCount
            var hashes: [UInt64] = []
            var seen = FirstOccurrenceFilter()
            for d in lo..<hi {
                hashes.removeAll(keepingCapacity: true)
                documents[d].withUnsafeBufferPointer { Shingler.appendHashes(of: $0, n: n, to: &hashes) }
                seen.reset(capacityFor: hashes.count)
                for (position, h) in hashes.enumerated() where seen.insert(h) {
                    let p = Int(h >> shift)
                    buckets.hashes[p].append(h)
                    buckets.places[p].append(UInt64(d) << 32 | UInt64(position))
                }
            }
            return buckets
        }
        // 2. Size each partition's table (load factor at most 2/3) and lay them end to end.
        var bases: [Int] = []
        var masks: [Int] = []
        var total = 0
        for p in 0..<partitionCount {
            var entries = 0
            for s in slices { entries += s.hashes[p].count }
            var capacity = 16
            while capacity * 2 < entries * 3 { capacity <<= 1 }
            bases.append(total)
            masks.append(capacity - 1)
            total += capacity
        }
        let (partitionBases, partitionMasks) = (bases, masks)
        let keys = ZeroedBuffer<UInt64>(count: total)
        let frequency = ZeroedBuffer<UInt32>(count: total)
        let firstDocument = ZeroedBuffer<UInt32>(count: total)
        let firstPosition = ZeroedBuffer<UInt32>(count: total)
        // 3. Fill the partitions in parallel, each in its own region, inserting in document order.
        let zeros: [Entry?] = Parallel.map(count: partitionCount, threads: threads) { p -> Entry? in
            let (k, f, fd, fp) = (keys.base, frequency.base, firstDocument.base, firstPosition.base)
            let base = partitionBases[p]
            let mask = partitionMasks[p]
            var zero: Entry?
            for s in slices {
                let hs = s.hashes[p]
                let places = s.places[p]
                for i in 0..<hs.count {
                    let h = hs[i]
                    let document = Int(places[i] >> 32)
                    let position = Int(places[i] & 0xFFFF_FFFF)
                    if h == 0 {
                        if zero == nil {
                            zero = Entry(documentFrequency: 0, firstDocument: document, firstPosition: position)
                        }
                        zero!.documentFrequency += 1
                        continue
                    }
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while k[base + slot] != 0 && k[base + slot] != h { slot = (slot + 1) & mask }
                    if k[base + slot] == 0 {
                        k[base + slot] = h
                        fd[base + slot] = UInt32(truncatingIfNeeded: document)
                        fp[base + slot] = UInt32(truncatingIfNeeded: position)
                    }
                    f[base + slot] &+= 1
                }
            }
            return zero
        }
        self.keys = keys
        self.frequency = frequency
        self.firstDocument = firstDocument
        self.firstPosition = firstPosition
        self.partitionBase = bases
        self.partitionMask = masks
        self.zeroEntry = zeros.compactMap { $0 }.first
        var distinct = zeroEntry == nil ? 0 : 1
        for i in 0..<total where keys.base[i] != 0 { distinct += 1 }
        self.distinctCount = distinct
    }

    /// The entry of an n-gram hash, or nil when no reference document contains it.
    /// - Complexity: O(1) expected.
    public func lookup(_ hash: UInt64) -> Entry? {
        withLookup { $0.lookup(hash) }
    }

    /// Document frequency of an n-gram hash (0 when absent).
    public func documentFrequency(_ hash: UInt64) -> Int {
        lookup(hash)?.documentFrequency ?? 0
    }

    /// Calls `body` with a view for many lookups without reference counting on each.
    public func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try partitionBase.withUnsafeBufferPointer { base in
            try partitionMask.withUnsafeBufferPointer { mask in
                try body(
                    Lookup(
                        keys: keys.base, frequency: frequency.base, firstDocument: firstDocument.base,
                        firstPosition: firstPosition.base, base: base, mask: mask, shift: partitionShift,
                        zero: zeroEntry))
            }
        }
    }

    /// Unsafe views of the table, valid inside ``withLookup(_:)``.
    public struct Lookup {
        let keys: UnsafeMutablePointer<UInt64>
        let frequency: UnsafeMutablePointer<UInt32>
        let firstDocument: UnsafeMutablePointer<UInt32>
        let firstPosition: UnsafeMutablePointer<UInt32>
        let base: UnsafeBufferPointer<Int>
        let mask: UnsafeBufferPointer<Int>
        let shift: UInt64
        let zero: Entry?

        /// The slot holding `hash`, or -1.
        @inline(__always)
        func slot(of hash: UInt64) -> Int {
            let p = Int(hash >> shift)
            let b = base[p]
            let m = mask[p]
            var slot = Int(truncatingIfNeeded: hash) & m
            while true {
                let k = keys[b + slot]
                if k == hash { return b + slot }
                if k == 0 { return -1 }
                slot = (slot + 1) & m
            }
        }

        /// Looks up many hashes at once: first every home slot is computed and its key loaded (loads
        /// that do not depend on each other, so their cache misses overlap), then each is resolved.
        func lookupMany(_ hashes: [UInt64], slots: inout [Int], firstKeys: inout [UInt64], into entries: inout [Entry?])
        {
            let n = hashes.count
            if slots.count < n {
                slots = Array(repeating: 0, count: n)
                firstKeys = Array(repeating: 0, count: n)
            }
            entries.removeAll(keepingCapacity: true)
            hashes.withUnsafeBufferPointer { h in
                slots.withUnsafeMutableBufferPointer { sl in
                    firstKeys.withUnsafeMutableBufferPointer { fk in
                        for i in 0..<n {
                            let p = Int(h[i] >> shift)
                            sl[i] = base[p] + (Int(truncatingIfNeeded: h[i]) & mask[p])
                        }
                        for i in 0..<n { fk[i] = keys[sl[i]] }
                        for i in 0..<n {
                            let hash = h[i]
                            if fk[i] == 0 && hash != 0 {
                                entries.append(nil)
                            } else if fk[i] == hash && hash != 0 {
                                let s = sl[i]
                                entries.append(
                                    Entry(
                                        documentFrequency: Int(frequency[s]), firstDocument: Int(firstDocument[s]),
                                        firstPosition: Int(firstPosition[s])))
                            } else {
                                entries.append(lookup(hash))
                            }
                        }
                    }
                }
            }
        }

        @inline(__always)
        public func lookup(_ hash: UInt64) -> Entry? {
            if hash == 0 { return zero }
            let s = slot(of: hash)
            if s < 0 { return nil }
            return Entry(
                documentFrequency: Int(frequency[s]), firstDocument: Int(firstDocument[s]),
                firstPosition: Int(firstPosition[s]))
        }
    }
}

/// A reusable hash set that says whether a value is seen for the first time since the last reset;
/// resets are O(1) by stamping slots with a generation number.
struct FirstOccurrenceFilter {
    private var keys: [UInt64] = []
    private var stamps: [UInt32] = []
    private var generation: UInt32 = 0
    private var mask = 0

    mutating func reset(capacityFor count: Int) {
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        if capacity > keys.count {
            keys = Array(repeating: 0, count: capacity)
            stamps = Array(repeating: 0, count: capacity)
            generation = 0
        }
        mask = keys.count - 1
        generation &+= 1
        if generation == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 1
        }
    }

    /// Inserts `value`; true when it was not there yet.
    @inline(__always)
    mutating func insert(_ value: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & mask
        while stamps[slot] == generation {
            if keys[slot] == value { return false }
            slot = (slot + 1) & mask
        }
        stamps[slot] = generation
        keys[slot] = value
        return true
    }
}
