/// The distinct n-gram window keys of many query documents (a suspect's and the probes) for one width,
/// numbered by id, so that membership in a reference is found once per distinct key by merge-joining
/// sorted partitions. Windows are not kept: a document's windows are hashed again (`windows`) when its
/// hits are collected (``hits(in:threads:)``). A key is kept as its bits 47…16 (4 bytes), in buckets of
/// its top 16 bits (partition and next byte), so the table holds 4 bytes per distinct key and nothing
/// per window.
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
    /// in text order), asked for a chunk of documents at a time (in parallel) and filed by bucket at
    /// once; each bucket is then sorted and made distinct in its own buffer. A window
    /// whose value has any of its low 16 bits set is not a key (no reference holds it): it counts as a
    /// window and never has an id.
    /// - Parameter expectedWindows: about how many windows there are (to size each bucket; a wrong
    ///   figure costs only reallocations).
    /// - Complexity: O(W log(W / 65,536)) for W windows, besides the calls of `windows`.
    init(documentCount: Int, expectedWindows: Int, threads: Int, windows: @escaping @Sendable (Int) -> [UInt64]) {
        let partitions = NGramKeySet.partitionCount
        let buckets = Self.bucketCount
        var starts = [0]
        starts.reserveCapacity(documentCount + 1)
        let share = expectedWindows / buckets
        let reserve = share + 2 * Int(Double(share).squareRoot()) + 8
        let grouped = Buckets(count: buckets, reserve: reserve)
        var total = 0
        let chunk = 4096
        for first in stride(from: 0, to: documentCount, by: chunk) {
            let produced = Parallel.map(count: min(chunk, documentCount - first), threads: threads) {
                windows(first + $0)
            }
            for keys in produced {
                precondition(total + keys.count < Int(UInt32.max), "too many n-gram windows in one query")
                for k in keys where k & 0xFFFF == 0 {
                    grouped.append(UInt32(truncatingIfNeeded: k >> 16), to: Int(k >> 48))
                }
                total += keys.count
                starts.append(total)
            }
        }
        // Each bucket sorted and made distinct in its own buffer, a partition per task.
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

    /// Each query document's windows whose key is set in `bits` (a bit set over ids), in window order:
    /// document `d`'s are `ids[start[d]..<start[d + 1]]`, at window positions `positions[…]` within the
    /// document. Every document's windows are hashed again; a bitmap of the set keys' high bits (16 to
    /// 32 bits per set key) rejects almost every other window with one memory access, and the rest are
    /// looked up in their bucket.
    /// - Complexity: O(W + S log *D*) for W windows of which S pass the bitmap, besides the hashing.
    func hits(in bits: [UInt64], threads: Int) -> Hits {
        // The set keys' top `shift` bits as a bitmap.
        var setKeys = 0
        for word in bits { setKeys += word.nonzeroBitCount }
        var logBits = 16
        while logBits < 31 && (1 << logBits) < setKeys * 16 { logBits += 1 }
        let shift = UInt64(64 - logBits)
        var filter = [UInt64](repeating: 0, count: (1 << logBits) / 64)
        for p in 0..<NGramKeySet.partitionCount {
            let base = partitionBase[p]
            for (i, k) in keys(partition: p).enumerated() where Self.isSet(bits, base + i) {
                let f = Int(k >> shift)
                filter[f >> 6] |= 1 << UInt64(f & 63)
            }
        }
        let docs = documentCount
        let slices = max(1, min(docs, threads * 8))
        var parts: [(counts: [Int], ids: [UInt32], positions: [UInt32])] = bits.withUnsafeBufferPointer { b in
            filter.withUnsafeBufferPointer { f in
                nonisolated(unsafe) let (b, f) = (b, f)
                return Parallel.map(count: slices, threads: threads) { s in
                    var counts: [Int] = []
                    var ids: [UInt32] = []
                    var positions: [UInt32] = []
                    for d in (docs * s / slices)..<(docs * (s + 1) / slices) {
                        let before = ids.count
                        for (w, k) in windows(d).enumerated() {
                            let top = Int(k >> shift)
                            guard f[top >> 6] & (1 << UInt64(top & 63)) != 0, let id = id(of: k), Self.isSet(b, id)
                            else { continue }
                            ids.append(UInt32(id))
                            positions.append(UInt32(w))
                        }
                        counts.append(ids.count - before)
                    }
                    return (counts, ids, positions)
                }
            }
        }
        filter = []
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

    /// The windows of each query document whose keys are in a bit set (``hits(in:threads:)``).
    struct Hits: Sendable {
        var start: [Int]
        var ids: [UInt32]
        /// Each hit's window position within its document.
        var positions: [UInt32]
    }

    /// A bit set over distinct ids: the keys that occur in `reference` (256 sorted partitions).
    /// - Complexity: O(distinct query keys + reference keys), a merge join per partition.
    func membership(in reference: [[UInt64]], threads: Int) -> [UInt64] {
        // Decoded partitions never fail to decode.
        (try? membership(in: KeyPartitions(decoded: reference), threads: threads)) ?? []
    }

    /// A bit set over distinct ids: the keys that occur in `reference`, each partition decoded by the
    /// thread that joins it (one decoded partition per thread in memory, not the whole set).
    /// - Throws: `reference`'s damage error when a partition does not decode.
    /// - Complexity: O(distinct query keys + reference keys), a decode and a merge join per partition.
    func membership(in reference: KeyPartitions, threads: Int) throws -> [UInt64] {
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, idCapacity / 64))
        words.initialize(repeating: 0)
        defer { words.deallocate() }
        nonisolated(unsafe) let bits = words
        let bases = partitionBase
        let count = NGramKeySet.partitionCount
        let slices = max(1, min(count, threads * 8))
        let decoded: [Bool] = Parallel.map(count: slices, threads: threads) { s -> Bool in
            var scratch: [UInt64] = []
            for p in (count * s / slices)..<(count * (s + 1) / slices) {
                let joined = reference.withPartition(p, scratch: &scratch) { b in
                    // The partition's buckets in key order against one cursor into the reference's keys.
                    var j = 0
                    var id = bases[p]
                    for bucket in (p << 8)..<((p + 1) << 8) {
                        let a = self.buckets[bucket]
                        j = Self.join(a, high: UInt64(bucket) << 48, b, from: j, base: id, into: bits)
                        id += a.count
                    }
                    return j
                }
                if joined == nil { return false }
            }
            return true
        }
        if decoded.contains(false) { throw reference.damage }
        return Array(UnsafeBufferPointer(start: words.baseAddress, count: idCapacity / 64))
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
