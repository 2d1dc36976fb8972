import DistillKernels

/// A compact hash index of a reference corpus's word n-grams: for each distinct n-gram hash, how
/// many reference documents contain it (document frequency).
///
/// Where an n-gram first occurs is not stored: evidence needs it for a handful of spans only, and
/// ``firstOccurrences(of:in:threads:)`` finds those in one pass. Leaving it out halves the table,
/// and the table's memory (every page zero-filled on first touch) was a third of the build's cost.
///
/// The table is split by the hash's top bits into partitions, each an open-addressing table with
/// linear probing, laid end to end in two flat columns. There are enough partitions that each one's
/// table stays small enough for the core's L2 cache while it is filled, so inserts hit cache instead
/// of memory. The content does not depend on insertion order, so the index is the same for any thread
/// count.
///
/// A split-block Bloom filter (``BloomKernels``) of about 12–24 bits per n-gram sits in front of the
/// table: small enough to stay in the last-level cache, it answers most lookups of n-grams the
/// reference does not have without touching the table, which is what most suspect windows are.
public struct NGramIndex: Sendable {
    /// The summary of an n-gram in the reference.
    public struct Entry: Sendable, Hashable {
        /// Distinct reference documents that contain the n-gram.
        public var documentFrequency: Int
    }

    /// The n-gram width.
    public let n: Int
    /// Distinct n-grams in the index.
    public let distinctCount: Int
    // A key of 0 marks an empty slot, so a miss reads only `keys`; the n-gram whose hash really is 0
    // is kept apart.
    let keys: ZeroedBuffer<UInt64>
    let frequency: ZeroedBuffer<UInt32>
    let bloom: ZeroedBuffer<UInt32>
    let bloomShift: UInt64
    let partitionBase: [Int]
    let partitionCapacity: [Int]
    let zeroFrequency: Int
    let partitionShift: UInt64

    /// Partition count for `windows` n-gram occurrences: about 16k entries each (a 256 KB table),
    /// between 2^6 and 2^12 partitions.
    static func partitionBits(windows: Int) -> Int {
        var bits = 6
        while bits < 12 && (windows >> bits) > 16_384 { bits += 1 }
        return bits
    }

    /// The home slot of `hash` in a table of `capacity` slots: its low 32 bits scaled to the range
    /// (Lemire, "A fast alternative to the modulo reduction", 2016).
    @inline(__always)
    static func home(_ hash: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: ((hash & 0xFFFF_FFFF) &* UInt64(truncatingIfNeeded: capacity)) >> 32)
    }

    /// Indexes the word ids of `documents`.
    /// - Complexity: O(total tokens × *n*) hashing, then O(distinct n-grams) expected inserts.
    public init(documents: [[UInt64]], n: Int, threads: Int) {
        precondition(n >= 1)
        self.n = n
        var windows = 0
        for d in documents where d.count >= n { windows += d.count - n + 1 }
        let bits = Self.partitionBits(windows: windows)
        let partitionCount = 1 << bits
        let shift = UInt64(64 - bits)
        self.partitionShift = shift
        // 1. Hash each slice of consecutive documents: every n-gram once per document, and how many
        //    of them fall in each partition.
        let sliceCount = max(1, min(documents.count, threads * 8))
        struct Slice: Sendable {
            var hashes: [UInt64]
            var counts: [Int]
        }
        let slices: [Slice] = Parallel.map(count: sliceCount, threads: threads) { s in
            let lo = documents.count * s / sliceCount
            let hi = documents.count * (s + 1) / sliceCount
            var sliceWindows = 0
            for d in lo..<hi where documents[d].count >= n { sliceWindows += documents[d].count - n + 1 }
            var kept: [UInt64] = []
            kept.reserveCapacity(sliceWindows)
            var counts = [Int](repeating: 0, count: partitionCount)
            var hashes: [UInt64] = []
            var seen = FirstOccurrenceFilter()
            counts.withUnsafeMutableBufferPointer { counts in
                for d in lo..<hi {
                    hashes.removeAll(keepingCapacity: true)
                    documents[d].withUnsafeBufferPointer { Shingler.appendHashes(of: $0, n: n, to: &hashes) }
                    seen.reset(capacityFor: hashes.count)
                    for h in hashes where seen.insert(h) {
                        kept.append(h)
                        counts[Int(h >> shift)] += 1
                    }
                }
            }
            return Slice(hashes: kept, counts: counts)
        }
        // 2. Where each (partition, slice) run goes in one partition-ordered array, and each
        //    partition's table size (load factor at most 2/3).
        var runStart = [Int](repeating: 0, count: partitionCount * sliceCount)
        var entriesStart = [Int](repeating: 0, count: partitionCount + 1)
        var bases: [Int] = []
        var capacities: [Int] = []
        var total = 0
        var offset = 0
        for p in 0..<partitionCount {
            entriesStart[p] = offset
            for s in 0..<sliceCount {
                runStart[p * sliceCount + s] = offset
                offset += slices[s].counts[p]
            }
            let entries = offset - entriesStart[p]
            // Load factor about 0.7: linear probing stays short, and the table is a third smaller
            // than with power-of-two sizes.
            let capacity = max(16, entries + entries * 3 / 7 + 1)
            bases.append(total)
            capacities.append(capacity)
            total += capacity
        }
        entriesStart[partitionCount] = offset
        // 3. Scatter every slice's hashes into its runs (disjoint ranges, so in parallel).
        let grouped = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, offset))
        defer { grouped.deallocate() }
        nonisolated(unsafe) let groupedOut = grouped
        let starts = runStart
        _ = Parallel.map(count: sliceCount, threads: threads) { s -> Int in
            var next = (0..<partitionCount).map { starts[$0 * sliceCount + s] }
            for h in slices[s].hashes {
                let p = Int(h >> shift)
                groupedOut[next[p]] = h
                next[p] += 1
            }
            return 0
        }
        // 4. Count each partition's n-grams into its own region of the table, and add each to the
        //    Bloom filter (blocks are picked by the top bits, so each partition owns its blocks).
        var bloomBits = bits
        while bloomBits < 40 && (256 << bloomBits) < 12 * offset { bloomBits += 1 }
        let bloomShift = UInt64(64 - bloomBits)
        let bloom = ZeroedBuffer<UInt32>(count: 8 << bloomBits)
        let (partitionBases, partitionCapacities, ranges) = (bases, capacities, entriesStart)
        let keys = ZeroedBuffer<UInt64>(count: total)
        let frequency = ZeroedBuffer<UInt32>(count: total)
        let tallies: [(zero: Int, distinct: Int)] = Parallel.map(count: threads, threads: threads) { worker in
            let (k, f, b) = (keys.base, frequency.base, bloom.base)
            var zero = 0
            var distinct = 0
            var p = worker
            while p < partitionCount {
                let base = partitionBases[p]
                let capacity = partitionCapacities[p]
                for i in ranges[p]..<ranges[p + 1] {
                    let h = groupedOut[i]
                    if h == 0 {
                        zero += 1
                        continue
                    }
                    var slot = Self.home(h, capacity: capacity)
                    while k[base + slot] != 0 && k[base + slot] != h {
                        slot += 1
                        if slot == capacity { slot = 0 }
                    }
                    if k[base + slot] == 0 {
                        k[base + slot] = h
                        BloomKernels.insert(h, into: b, shift: bloomShift)
                        distinct += 1
                    }
                    f[base + slot] &+= 1
                }
                p += threads
            }
            return (zero, distinct)
        }
        self.keys = keys
        self.frequency = frequency
        self.bloom = bloom
        self.bloomShift = bloomShift
        self.partitionBase = bases
        self.partitionCapacity = capacities
        self.zeroFrequency = tallies.reduce(0) { $0 + $1.zero }
        self.distinctCount = tallies.reduce(zeroFrequency == 0 ? 0 : 1) { $0 + $1.distinct }
        if InternalChecks.enabled {
            // Load factor below 1 in every partition, every inserted n-gram findable in its own
            // partition with the frequency counted, occupied slots equal to the distinct count.
            var occupied = 0
            for p in 0..<partitionCount {
                let entries = entriesStart[p + 1] - entriesStart[p]
                InternalChecks.require(entries < capacities[p], "n-gram table partition \(p) is full")
                for slot in 0..<capacities[p] where keys.base[bases[p] + slot] != 0 { occupied += 1 }
            }
            InternalChecks.require(
                occupied + (zeroFrequency == 0 ? 0 : 1) == distinctCount, "n-gram table count disagrees")
            withLookup { lookup in
                for i in 0..<offset where grouped[i] != 0 {
                    let slot = lookup.slot(of: grouped[i])
                    InternalChecks.require(slot >= 0 && frequency.base[slot] > 0, "inserted n-gram not found")
                }
            }
        }
    }

    /// The entry of an n-gram hash, or nil when no reference document contains it.
    /// - Complexity: O(1) expected.
    public func lookup(_ hash: UInt64) -> Entry? {
        withLookup { $0.lookup(hash) }
    }

    /// Document frequency of an n-gram hash (0 when absent).
    /// - Complexity: O(1) expected.
    public func documentFrequency(_ hash: UInt64) -> Int {
        lookup(hash)?.documentFrequency ?? 0
    }

    /// Calls `body` with a view for many lookups without reference counting on each.
    /// - Complexity: O(1) besides `body`.
    public func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try partitionBase.withUnsafeBufferPointer { base in
            try partitionCapacity.withUnsafeBufferPointer { capacity in
                try body(
                    Lookup(
                        keys: keys.base, frequency: frequency.base, bloom: bloom.base, bloomShift: bloomShift,
                        base: base, capacity: capacity, shift: partitionShift, zeroFrequency: zeroFrequency))
            }
        }
    }

    /// Unsafe views of the table, valid inside ``withLookup(_:)``.
    public struct Lookup {
        let keys: UnsafeMutablePointer<UInt64>
        let frequency: UnsafeMutablePointer<UInt32>
        let bloom: UnsafeMutablePointer<UInt32>
        let bloomShift: UInt64
        let base: UnsafeBufferPointer<Int>
        let capacity: UnsafeBufferPointer<Int>
        let shift: UInt64
        let zeroFrequency: Int

        /// The slot holding `hash`, or -1.
        @inline(__always)
        func slot(of hash: UInt64) -> Int {
            let p = Int(hash >> shift)
            let b = base[p]
            let c = capacity[p]
            var slot = NGramIndex.home(hash, capacity: c)
            while true {
                let k = keys[b + slot]
                if k == hash { return b + slot }
                if k == 0 { return -1 }
                slot += 1
                if slot == c { slot = 0 }
            }
        }

        /// Document frequencies of many hashes at once (0: absent): the Bloom filter first settles
        /// the hashes the table cannot hold, then the rest are looked up in two phases (every home
        /// slot's key loaded first, loads that do not depend on each other so their cache misses
        /// overlap, then each resolved).
        func frequencies(_ hashes: [UInt64], maybe: inout [UInt8], slots: inout [Int], into out: inout [Int]) {
            let n = hashes.count
            if maybe.count < n {
                maybe = Array(repeating: 0, count: n)
                slots = Array(repeating: 0, count: n)
            }
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: repeatElement(0, count: n))
            hashes.withUnsafeBufferPointer { h in
                maybe.withUnsafeMutableBufferPointer { m in
                    BloomKernels.filter(h, blocks: bloom, shift: bloomShift, into: m.baseAddress!)
                    slots.withUnsafeMutableBufferPointer { sl in
                        out.withUnsafeMutableBufferPointer { o in
                            var candidates = 0
                            for i in 0..<n {
                                if h[i] == 0 {
                                    o[i] = zeroFrequency
                                } else if m[i] != 0 {
                                    let p = Int(h[i] >> shift)
                                    sl[candidates] = i
                                    o[i] = base[p] + NGramIndex.home(h[i], capacity: capacity[p])
                                    candidates += 1
                                }
                            }
                            // Touch every candidate's home slot before resolving any.
                            var touched: UInt64 = 0
                            for c in 0..<candidates { touched &+= keys[o[sl[c]]] }
                            withExtendedLifetime(touched) {}
                            for c in 0..<candidates {
                                let i = sl[c]
                                let s = slot(of: h[i])
                                o[i] = s < 0 ? 0 : Int(frequency[s])
                            }
                        }
                    }
                }
            }
        }

        /// The entry of an n-gram hash, or nil when no reference document contains it.
        /// - Complexity: O(1) expected: linear probing in a table at most about 70% full.
        @inline(__always)
        public func lookup(_ hash: UInt64) -> Entry? {
            if hash == 0 { return zeroFrequency == 0 ? nil : Entry(documentFrequency: zeroFrequency) }
            let s = slot(of: hash)
            if s < 0 { return nil }
            return Entry(documentFrequency: Int(frequency[s]))
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
