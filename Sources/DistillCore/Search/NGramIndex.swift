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

    struct Partition: Sendable {
        var keys: [UInt64] = []
        var frequency: [UInt32] = []
        var firstDocument: [UInt32] = []
        var firstPosition: [UInt32] = []
        var mask = 0
    }

    /// The n-gram width.
    public let n: Int
    /// Distinct n-grams in the index.
    public let distinctCount: Int
    let partitions: [Partition]
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
        // 2. Build each partition's table from the slices in order.
        let parts: [Partition] = Parallel.map(count: partitionCount, threads: threads) { p in
            var total = 0
            for s in slices { total += s.hashes[p].count }
            var capacity = 16
            while capacity < total * 2 { capacity <<= 1 }
            var part = Partition(
                keys: Array(repeating: 0, count: capacity), frequency: Array(repeating: 0, count: capacity),
                firstDocument: Array(repeating: 0, count: capacity),
                firstPosition: Array(repeating: 0, count: capacity),
                mask: capacity - 1)
            for s in slices {
                let hs = s.hashes[p]
                let places = s.places[p]
                for k in 0..<hs.count {
                    let h = hs[k]
                    var slot = Int(truncatingIfNeeded: h) & part.mask
                    while part.frequency[slot] != 0 && part.keys[slot] != h { slot = (slot + 1) & part.mask }
                    if part.frequency[slot] == 0 {
                        part.keys[slot] = h
                        part.firstDocument[slot] = UInt32(truncatingIfNeeded: places[k] >> 32)
                        part.firstPosition[slot] = UInt32(truncatingIfNeeded: places[k])
                    }
                    part.frequency[slot] &+= 1
                }
            }
            return part
        }
        self.partitions = parts
        self.distinctCount = parts.reduce(0) { total, part in total + part.frequency.lazy.filter { $0 != 0 }.count }
    }

    /// The entry of an n-gram hash, or nil when no reference document contains it.
    /// - Complexity: O(1) expected.
    @inline(__always)
    public func lookup(_ hash: UInt64) -> Entry? {
        let part = partitions[Int(hash >> partitionShift)]
        var slot = Int(truncatingIfNeeded: hash) & part.mask
        while true {
            let f = part.frequency[slot]
            if f == 0 { return nil }
            if part.keys[slot] == hash {
                return Entry(
                    documentFrequency: Int(f), firstDocument: Int(part.firstDocument[slot]),
                    firstPosition: Int(part.firstPosition[slot]))
            }
            slot = (slot + 1) & part.mask
        }
    }

    /// Document frequency of an n-gram hash (0 when absent).
    @inline(__always)
    public func documentFrequency(_ hash: UInt64) -> Int {
        lookup(hash)?.documentFrequency ?? 0
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
