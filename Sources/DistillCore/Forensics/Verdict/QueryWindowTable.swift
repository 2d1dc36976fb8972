import Dispatch

/// The distinct n-gram window keys of many query documents (a suspect's and the probes) for one width,
/// numbered by id, so that membership in a reference is found once per distinct key by merge-joining
/// sorted partitions. Windows are not kept: a document's windows are hashed again (`windows`) when its
/// hits are collected (``hits(in:threads:narrowFrom:narrow:)``). A key is kept as its bits 47…16 (4
/// bytes), in buckets of its top 16 bits (partition and next byte) laid out in one buffer of 4 bytes a
/// window (each bucket's distinct keys at its start), and nothing else is kept per window.
struct QueryWindowTable: Sendable {
    /// Window `w` of the documents belongs to document `d` when `documentStart[d] <= w < documentStart[d + 1]`.
    let documentStart: [Int]
    /// The sorted distinct keys of each bucket (top 16 bits), as bits 47…16.
    let buckets: Buckets
    /// The partition-local id of the first key of each bucket.
    let bucketStart: [Int32]
    /// The id of the first key of each partition; multiples of 64, so that bit sets over ids can be
    /// written one partition per thread without sharing a word.
    let partitionBase: [Int]
    /// One past the largest id.
    let idCapacity: Int
    /// The window keys of a document, in text order (the same on every call).
    let windows: @Sendable (Int) -> [UInt64]

    var documentCount: Int { documentStart.count - 1 }

    static let bucketCount = 1 << 16

    /// A table of `documentCount` documents whose window keys `windows(d)` gives (``NGramKeySet/key(_:)``,
    /// in text order), asked for twice in parallel: a first pass counts each worker's keys per bucket,
    /// a second files every key at its place in one buffer of exactly the windows' size (no growing
    /// arrays, nothing left behind in the allocator); each bucket is then sorted and made distinct in
    /// place. Worker `w` takes the blocks of 256 documents numbered `w` modulo the workers in both
    /// passes, so each finds the places it counted; the sort makes the table the same for any thread
    /// count. A window
    /// whose value has any of its low 16 bits set is not a key (no reference holds it): it counts as a
    /// window and never has an id.
    /// - Complexity: O(W log(W / 65,536)) for W windows, besides the two calls of `windows` a document.
    init(documentCount: Int, threads: Int, windows: @escaping @Sendable (Int) -> [UInt64]) {
        let partitions = NGramKeySet.partitionCount
        let buckets = Self.bucketCount
        let block = 256
        let blocks = (documentCount + block - 1) / block
        let workers = max(1, min(threads, blocks))
        // Pass 1: each document's windows, each worker's keys per bucket.
        let perWorker = UnsafeMutableBufferPointer<Int>.allocate(capacity: workers * buckets)
        perWorker.initialize(repeating: 0)
        defer { perWorker.deallocate() }
        let windowCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, documentCount))
        defer { windowCounts.deallocate() }
        nonisolated(unsafe) let (tally, counts) = (perWorker, windowCounts)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let mine = tally.baseAddress! + w * buckets
            for b in stride(from: w, to: blocks, by: workers) {
                for d in (b * block)..<min(documentCount, (b + 1) * block) {
                    let keys = windows(d)
                    counts[d] = keys.count
                    for k in keys where k & 0xFFFF == 0 { mine[Int(k >> 48)] += 1 }
                }
            }
        }
        var starts = [0]
        starts.reserveCapacity(documentCount + 1)
        var total = 0
        for d in 0..<documentCount {
            total += counts[d]
            starts.append(total)
        }
        precondition(total < Int(UInt32.max), "too many n-gram windows in one query")
        // Each bucket's range in the buffer, and each worker's first place in it.
        var bucketOffset = [Int](repeating: 0, count: buckets + 1)
        var keyCount = 0
        for b in 0..<buckets {
            bucketOffset[b] = keyCount
            for w in 0..<workers {
                let n = tally[w * buckets + b]
                tally[w * buckets + b] = keyCount
                keyCount += n
            }
        }
        bucketOffset[buckets] = keyCount
        let grouped = Buckets(offsets: bucketOffset)
        // Pass 2: every key at its place.
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let next = tally.baseAddress! + w * buckets
            for b in stride(from: w, to: blocks, by: workers) {
                for d in (b * block)..<min(documentCount, (b + 1) * block) {
                    let keys = windows(d)
                    // The places were counted from the first call: a different answer would write
                    // outside them.
                    precondition(keys.count == counts[d], "the windows of a document changed between two calls")
                    for k in keys where k & 0xFFFF == 0 {
                        let bucket = Int(k >> 48)
                        grouped.place(UInt32(truncatingIfNeeded: k >> 16), at: next[bucket])
                        next[bucket] += 1
                    }
                }
            }
        }
        StageTrace.mark("table: filed \(total) windows")
        // Each bucket sorted and made distinct in place, a partition per task.
        _ = Parallel.map(count: partitions, threads: threads) { p in
            for b in (p << 8)..<((p + 1) << 8) { grouped.sortDistinct(b) }
            return 0
        }
        var bucketStarts = [Int32](repeating: 0, count: buckets)
        var bases: [Int] = []
        var capacity = 0
        for p in 0..<partitions {
            bases.append(capacity)
            var size = 0
            for b in (p << 8)..<((p + 1) << 8) {
                bucketStarts[b] = Int32(size)
                size += grouped[b].count
            }
            capacity += (size + 63) / 64 * 64
        }
        self.documentStart = starts
        self.buckets = grouped
        self.bucketStart = bucketStarts
        self.partitionBase = bases
        self.idCapacity = capacity
        self.windows = windows
        MemoryRelease.releaseFreePages()
        if InternalChecks.enabled {
            // The partitions are sorted and distinct, and every window's key has an id.
            for p in 0..<NGramKeySet.partitionCount {
                InternalChecks.require(
                    InternalChecks.strictlyIncreasing(keys(partition: p)), "query partition \(p) not sorted")
            }
            for d in 0..<documentCount {
                let keys = windows(d)
                InternalChecks.require(keys.count == starts[d + 1] - starts[d], "the windows changed between two calls")
                for k in keys where k & 0xFFFF == 0 {
                    InternalChecks.require(id(of: k) != nil, "window key of document \(d) not in the table")
                }
            }
        }
    }

    /// Partition `p`'s sorted distinct keys, in full.
    /// - Complexity: O(keys of the partition).
    func keys(partition p: Int) -> [UInt64] {
        var out: [UInt64] = []
        appendKeys(partition: p, to: &out)
        return out
    }

    /// Replaces `out` by partition `p`'s sorted distinct keys, in full (reusing its buffer).
    /// - Complexity: O(keys of the partition).
    func appendKeys(partition p: Int, to out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        for b in (p << 8)..<((p + 1) << 8) {
            let high = UInt64(b) << 48
            for low in buckets[b] { out.append(high | UInt64(low) << 16) }
        }
    }

    /// The id of `key`, or nil when no query window has it.
    /// - Complexity: O(*D*) for the *D* keys of its bucket at worst; O(√*D*) expected for hash keys.
    @inline(__always)
    func id(of key: UInt64) -> Int? {
        guard key & 0xFFFF == 0 else { return nil }
        let b = Int(key >> 48)
        let low = UInt32(truncatingIfNeeded: key >> 16)
        let d = buckets[b]
        let n = d.count
        guard n > 0 else { return nil }
        // Interpolation: the values are uniform hash bits, so the first value ≥ `low` is within a few
        // places of its proportional position (one cache miss instead of a binary search's ~9).
        var i = min(n - 1, Int((UInt64(low) &* UInt64(n)) >> 32))
        while i > 0 && d[i - 1] >= low { i -= 1 }
        while i < n && d[i] < low { i += 1 }
        return i < n && d[i] == low ? partitionBase[b >> 8] + Int(bucketStart[b]) + i : nil
    }

    /// The value at `key`'s first search place in its bucket (0 when the bucket is empty): read ahead
    /// of ``id(of:)`` for many keys, so that their cache misses overlap instead of following one another.
    /// - Complexity: O(1).
    @inline(__always)
    func touch(_ key: UInt64) -> UInt32 {
        let d = buckets[Int(key >> 48)]
        let n = d.count
        guard n > 0 else { return 0 }
        return d[min(n - 1, Int((UInt64(UInt32(truncatingIfNeeded: key >> 16)) &* UInt64(n)) >> 32))]
    }

    /// Keeps the reads that made `value` (``touch(_:)``) from being optimised away.
    @inline(never)
    static func keep(_ value: UInt32) {
        if value == 0x9E37_79B9 { StageTrace.mark("") }
    }

    /// Calls `body(i, id)` for every `i` in `0..<count` whose key `key(i)` the table has, 1,024 at a
    /// time: a batch's first search places are read first (``touch(_:)``: independent loads, so their
    /// cache misses overlap), then its searches find them in cache.
    /// - Complexity: O(*count*) lookups (``id(of:)``).
    @inline(__always)
    func lookUp(count: Int, key: (Int) -> UInt64, _ body: (_ i: Int, _ id: Int) -> Void) {
        var start = 0
        while start < count {
            let end = min(count, start + 1_024)
            var touched: UInt32 = 0
            for i in start..<end { touched &+= touch(key(i)) }
            Self.keep(touched)
            for i in start..<end {
                if let id = id(of: key(i)) { body(i, id) }
            }
            start = end
        }
    }

    /// Each query document's windows whose key is set in `bits` (a bit set over ids), in window order:
    /// document `d`'s are `ids[start[d]..<start[d + 1]]`, at window positions `positions[…]` within the
    /// document. Every document's windows are hashed again; a bitmap of the set keys' high bits (16 to
    /// 32 bits per set key) rejects almost every other window with one memory access, and the rest are
    /// looked up in their bucket. Documents from `narrowFrom` on report only the windows whose key is
    /// also set in `narrow` (a subset of `bits`, with a bitmap of its own: for the probes, whose own
    /// reference holds all their windows, only the keys some other family holds too can count).
    /// - Complexity: O(W + S log *D*) for W windows of which S pass the bitmap, besides the hashing.
    func hits(in bits: [UInt64], threads: Int, narrowFrom: Int? = nil, narrow: [UInt64] = []) -> Hits {
        let split = min(narrowFrom ?? documentCount, documentCount)
        var wide: Filter? = Filter(table: self, bits: bits)
        var narrowed: Filter? = split < documentCount ? Filter(table: self, bits: narrow) : wide
        let docs = documentCount
        let slices = max(1, min(docs, threads * 8))
        var parts: [(counts: [Int], ids: [UInt32], positions: [UInt32])] = Parallel.map(
            count: slices, threads: threads
        ) { [wide, narrowed] s in
            var counts: [Int] = []
            var ids: [UInt32] = []
            var positions: [UInt32] = []
            for d in (docs * s / slices)..<(docs * (s + 1) / slices) {
                let before = ids.count
                let filter = (d < split ? wide : narrowed)!
                filter.bits.withUnsafeBufferPointer { b in
                    filter.map.withUnsafeBufferPointer { f in
                        let shift = filter.shift
                        for (w, k) in windows(d).enumerated() {
                            let top = Int(k >> shift)
                            guard f[top >> 6] & (1 << UInt64(top & 63)) != 0, let id = id(of: k), Self.isSet(b, id)
                            else { continue }
                            ids.append(UInt32(id))
                            positions.append(UInt32(w))
                        }
                    }
                }
                counts.append(ids.count - before)
            }
            return (counts, ids, positions)
        }
        // The bitmaps go before the hit lists are joined.
        wide = nil
        narrowed = nil
        var start = [0]
        start.reserveCapacity(docs + 1)
        var ids: [UInt32] = []
        var positions: [UInt32] = []
        ids.reserveCapacity(parts.reduce(0) { $0 + $1.ids.count })
        positions.reserveCapacity(ids.capacity)
        // Each slice's hits freed as soon as they are copied (the whole list is never held twice).
        for s in parts.indices {
            for c in parts[s].counts { start.append(start[start.count - 1] + c) }
            ids.append(contentsOf: parts[s].ids)
            positions.append(contentsOf: parts[s].positions)
            parts[s] = ([], [], [])
        }
        MemoryRelease.releaseFreePages()
        return Hits(start: start, ids: ids, positions: positions)
    }

    /// A bit set over ids and a bitmap of its set keys' top `64 - shift` bits.
    struct Filter: Sendable {
        let bits: [UInt64]
        let map: [UInt64]
        let shift: UInt64

        /// - Complexity: O(distinct keys of `table`).
        init(table: QueryWindowTable, bits: [UInt64]) {
            var setKeys = 0
            for word in bits { setKeys += word.nonzeroBitCount }
            (map, shift) = Self.topBits(of: table, keys: setKeys, bitsPerKey: 16, maxLogBits: 31) {
                QueryWindowTable.isSet(bits, $0)
            }
            self.bits = bits
        }

        /// A bitmap of the top bits of the table's keys whose id `include` accepts (`keys` of them):
        /// at least `bitsPerKey` bits a key, from 2¹⁶ to 2^`maxLogBits` bits; and the shift that
        /// takes a key to its bit.
        /// - Complexity: O(distinct keys + bitmap words).
        static func topBits(
            of table: QueryWindowTable, keys: Int, bitsPerKey: Int, maxLogBits: Int, where include: (Int) -> Bool
        ) -> (map: [UInt64], shift: UInt64) {
            var logBits = 16
            while logBits < maxLogBits && (1 << logBits) < keys * bitsPerKey { logBits += 1 }
            let shift = UInt64(64 - logBits)
            var map = [UInt64](repeating: 0, count: (1 << logBits) / 64)
            guard keys > 0 else { return (map, shift) }
            for b in 0..<QueryWindowTable.bucketCount {
                let first = table.partitionBase[b >> 8] + Int(table.bucketStart[b])
                let high = UInt64(b) << 48
                for (i, low) in table.buckets[b].enumerated() where include(first + i) {
                    let f = Int((high | UInt64(low) << 16) >> shift)
                    map[f >> 6] |= 1 << UInt64(f & 63)
                }
            }
            return (map, shift)
        }
    }

    /// The windows of each query document whose keys are in a bit set (``hits(in:threads:narrowFrom:narrow:)``).
    struct Hits: Sendable {
        var start: [Int]
        var ids: [UInt32]
        /// Each hit's window position within its document.
        var positions: [UInt32]
    }

    /// A bit set over distinct ids: the keys that occur in `reference` (256 sorted partitions).
    /// - Complexity: O(distinct query keys + reference keys), a merge join per partition.
    func membership(in reference: [[UInt64]], threads: Int) -> [UInt64] {
        // A few keys (a reference's common n-grams): a lookup each, not a pass over every query key.
        let keys = reference.reduce(0) { $0 + $1.count }
        if keys * 32 < idCapacity {
            var bits = [UInt64](repeating: 0, count: idCapacity / 64)
            for partition in reference {
                let key = { (i: Int) -> UInt64 in partition[i] }
                lookUp(count: partition.count, key: key) { _, id in bits[id >> 6] |= 1 << UInt64(id & 63) }
            }
            return bits
        }
        // Decoded partitions never fail to decode.
        return (try? membership(in: KeyPartitions(decoded: reference), threads: threads)) ?? []
    }

    /// A bit set over distinct ids: the keys that occur in `reference`, each partition decoded by the
    /// thread that joins it (one decoded partition per thread in memory, not the whole set).
    /// - Throws: `reference`'s damage error when a partition does not decode, its loader's when one
    ///   cannot be read.
    /// - Complexity: O(distinct query keys + reference keys), a decode and a merge join per partition.
    func membership(in reference: KeyPartitions, threads: Int) throws -> [UInt64] {
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, idCapacity / 64))
        words.initialize(repeating: 0)
        defer { words.deallocate() }
        nonisolated(unsafe) let bits = words
        let bases = partitionBase
        let count = NGramKeySet.partitionCount
        let slices = max(1, min(count, threads * 8))
        // Each slice's first error (a partition that does not read or decode); the first slice's in
        // partition order is thrown, whatever the scheduling.
        let failures: [Failure?] = Parallel.map(count: slices, threads: threads) { s -> Failure? in
            var scratch: [UInt64] = []
            for p in (count * s / slices)..<(count * (s + 1) / slices) {
                do {
                    try reference.partition(p, scratch: &scratch) { b in
                        // The partition's buckets in key order against one cursor into the reference's keys.
                        var j = 0
                        var id = bases[p]
                        for bucket in (p << 8)..<((p + 1) << 8) {
                            let a = self.buckets[bucket]
                            j = Self.join(a, high: UInt64(bucket) << 48, b, from: j, base: id, into: bits)
                            id += a.count
                        }
                    }
                } catch {
                    return Failure(error: error)
                }
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure.error }
        return Array(UnsafeBufferPointer(start: words.baseAddress, count: idCapacity / 64))
    }

    /// An error carried out of a worker (thrown on the calling thread once the workers are done).
    struct Failure: Sendable {
        let error: any Error
    }

    /// Sets bit `base + i` of `bits` for every `a[i]` also in `b` (both sorted); returns how many.
    /// Branch-free merge join: both cursors step on every comparison outcome without a jump the
    /// predictor has to guess (equal keys are rare against most references).
    @inline(__always)
    static func join(
        _ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, base: Int,
        into bits: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        var i = 0
        var j = 0
        var found = 0
        let (na, nb) = (a.count, b.count)
        while i < na && j < nb {
            let x = a[i]
            let y = b[j]
            let equal = x == y ? 1 : 0
            let id = base + i
            bits[id >> 6] |= UInt64(equal) << UInt64(id & 63)
            found += equal
            i += x <= y ? 1 : 0
            j += y <= x ? 1 : 0
        }
        return found
    }

    /// ``join(_:_:base:into:)`` of one bucket's keys (`high | a[i] << 16`) with `b` from position `j`;
    /// returns where the cursor into `b` stopped.
    @inline(__always)
    static func join(
        _ a: UnsafeBufferPointer<UInt32>, high: UInt64, _ b: UnsafeBufferPointer<UInt64>, from j: Int, base: Int,
        into bits: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        var i = 0
        var j = j
        let (na, nb) = (a.count, b.count)
        while i < na && j < nb {
            let x = high | UInt64(a[i]) << 16
            let y = b[j]
            let equal = x == y ? 1 : 0
            let id = base + i
            bits[id >> 6] |= UInt64(equal) << UInt64(id & 63)
            i += x <= y ? 1 : 0
            j += y <= x ? 1 : 0
        }
        return j
    }

    /// Whether id `id` is set in `bits`.
    @inline(__always)
    static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }

    /// Whether id `id` is set in `bits`.
    @inline(__always)
    static func isSet(_ bits: [UInt64], _ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
