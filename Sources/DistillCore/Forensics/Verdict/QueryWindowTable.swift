/// The n-gram window keys of many query documents (a suspect's and the probes) for one width, with
/// every window mapped to an id of its distinct key, so that membership in a reference is found once
/// per distinct key by merge-joining sorted partitions.
struct QueryWindowTable: Sendable {
    /// Window `w` of the documents belongs to document `d` when `documentStart[d] <= w < documentStart[d + 1]`.
    let documentStart: [Int]
    /// The distinct-key id of each window.
    let distinctID: [UInt32]
    /// Sorted distinct keys of each partition.
    let partitionKeys: [[UInt64]]
    /// The id of the first key of each partition; multiples of 64, so that bit sets over ids can be
    /// written one partition per thread without sharing a word.
    let partitionBase: [Int]
    /// One past the largest id.
    let idCapacity: Int

    var documentCount: Int { documentStart.count - 1 }

    /// A table of `documentCount` documents whose window keys `windows(d)` gives (``NGramKeySet/key(_:)``,
    /// in text order), asked for a chunk of documents at a time (in parallel) and filed by partition at
    /// once, so that all windows are never held twice (as per-document arrays and grouped).
    /// - Parameter expectedWindows: about how many windows there are (to size each partition's arrays;
    ///   a wrong figure costs only reallocations).
    /// - Complexity: O(W log(W / 256)) for W windows, besides the calls of `windows`.
    init(documentCount: Int, expectedWindows: Int, threads: Int, windows: @Sendable (Int) -> [UInt64]) {
        let partitions = NGramKeySet.partitionCount
        var starts = [0]
        starts.reserveCapacity(documentCount + 1)
        // Windows grouped by partition (stable: window order within a partition), each with its key,
        // so that a partition's work reads its keys sequentially.
        let share = expectedWindows / partitions
        let reserve = share + 4 * Int(Double(share).squareRoot()) + 64
        var groupedKeys = [[UInt64]](repeating: [], count: partitions)
        var groupedWindows = [[UInt32]](repeating: [], count: partitions)
        for p in 0..<partitions {
            groupedKeys[p].reserveCapacity(reserve)
            groupedWindows[p].reserveCapacity(reserve)
        }
        var total = 0
        let chunk = 4096
        for first in stride(from: 0, to: documentCount, by: chunk) {
            let produced = Parallel.map(count: min(chunk, documentCount - first), threads: threads) {
                windows(first + $0)
            }
            for keys in produced {
                precondition(total + keys.count < Int(UInt32.max), "too many n-gram windows in one query")
                for k in keys {
                    let p = NGramKeySet.partition(k)
                    groupedKeys[p].append(k)
                    groupedWindows[p].append(UInt32(truncatingIfNeeded: total))
                    total += 1
                }
                starts.append(total)
            }
        }
        // Each partition's keys in a slot its worker moves them out of, to turn them into the
        // partition's distinct keys in the same buffer (no second copy of the keys).
        let slots = UnsafeMutablePointer<[UInt64]>.allocate(capacity: partitions)
        slots.initialize(from: groupedKeys, count: partitions)
        groupedKeys = []
        defer {
            slots.deinitialize(count: partitions)
            slots.deallocate()
        }
        nonisolated(unsafe) let keySlots = slots
        let grouped = groupedWindows
        groupedWindows = []
        var locals: [[UInt64]] = []
        var bases: [Int] = []
        var capacity = 0
        // Each window's id, written once by the partition that holds it (every window is in exactly one).
        let ids = [UInt32](unsafeUninitializedCapacity: max(1, total)) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            // Sort each partition's keys and keep the distinct ones; then each window's local id is the
            // position of its key (binary search in an array small enough to stay in cache).
            locals = Parallel.map(count: partitions, threads: threads) { p in
                var keys = (keySlots + p).move()
                (keySlots + p).initialize(to: [])
                // Fast path: keys have their low 16 bits clear (NGramKeySet.key). The partition's windows
                // are bucketed by the next 8 key bits (so buckets follow key order), and each bucket of at
                // most 2^16 windows sorts (key | position in bucket) once, in cache, and hands out ids in
                // that order — no search. Any other partition takes the general path below.
                if Self.bucketedIDs(keys: &keys, windows: grouped[p], into: out) { return keys }
                var distinct = keys
                distinct.sort()
                var n = 0
                for i in 0..<distinct.count where i == 0 || distinct[i] != distinct[n - 1] {
                    distinct[n] = distinct[i]
                    n += 1
                }
                distinct.removeSubrange(n...)
                distinct.withUnsafeBufferPointer { d in
                    for i in keys.indices {
                        let w = Int(grouped[p][i])
                        let k = keys[i]
                        var lo = 0
                        var hi = d.count
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if d[mid] < k { lo = mid + 1 } else { hi = mid }
                        }
                        out[w] = UInt32(lo)
                    }
                }
                return distinct
            }
            for p in 0..<partitions {
                bases.append(capacity)
                capacity += (locals[p].count + 63) / 64 * 64
            }
            for p in 0..<partitions {
                let base = UInt32(bases[p])
                for w in grouped[p] { out[Int(w)] += base }
            }
            initialized = total
        }
        self.documentStart = starts
        self.distinctID = ids
        self.partitionKeys = locals
        self.partitionBase = bases
        self.idCapacity = capacity
        if InternalChecks.enabled {
            // Every window's id leads back to its own key, and the partitions are sorted and distinct.
            for p in 0..<NGramKeySet.partitionCount {
                InternalChecks.require(InternalChecks.strictlyIncreasing(locals[p]), "query partition \(p) not sorted")
            }
            var w = 0
            for d in 0..<documentCount {
                for k in windows(d) {
                    let p = NGramKeySet.partition(k)
                    let local = Int(distinctID[w]) - bases[p]
                    InternalChecks.require(
                        local >= 0 && local < locals[p].count && locals[p][local] == k, "window \(w) has a wrong id")
                    w += 1
                }
            }
            InternalChecks.require(w == total, "the windows changed between two calls")
        }
    }

    /// Replaces one partition's window keys `keys` by their sorted distinct keys (in the same buffer),
    /// writing each window's partition-local id to `out`; false (nothing written, `keys` unchanged)
    /// when a key has low bits set or a bucket exceeds 2^16 windows.
    /// - Complexity: O(W log(W / 256)) for the partition's W windows, each sort within one bucket.
    private static func bucketedIDs(
        keys: inout [UInt64], windows: [UInt32], into out: UnsafeMutableBufferPointer<UInt32>
    ) -> Bool {
        // keys[i] is the key of window windows[i].
        var lowBits: UInt64 = 0
        var bucketStart = [Int](repeating: 0, count: 257)
        for k in keys {
            lowBits |= k
            bucketStart[Int((k >> 48) & 0xFF) + 1] += 1
        }
        guard lowBits & 0xFFFF == 0 else { return false }
        for b in 0..<256 {
            guard bucketStart[b + 1] <= 1 << 16 else { return false }
            bucketStart[b + 1] += bucketStart[b]
        }
        // Each bucket's (key | position in bucket), bucket by bucket, and the window of each slot.
        var packed = [UInt64](repeating: 0, count: keys.count)
        var slotWindow = [UInt32](repeating: 0, count: keys.count)
        var next = Array(bucketStart.dropLast())
        for i in keys.indices {
            let k = keys[i]
            let b = Int((k >> 48) & 0xFF)
            let slot = next[b]
            packed[slot] = k | UInt64(slot - bucketStart[b])
            slotWindow[slot] = windows[i]
            next[b] = slot + 1
        }
        // The keys are all in `packed` now: their buffer takes the distinct keys (never more of them).
        var n = 0
        keys.withUnsafeMutableBufferPointer { distinct in
            for b in 0..<256 where bucketStart[b] < bucketStart[b + 1] {
                let lo = bucketStart[b]
                packed[lo..<bucketStart[b + 1]].sort()
                for v in packed[lo..<bucketStart[b + 1]] {
                    let k = v & ~0xFFFF
                    if n == 0 || distinct[n - 1] != k {
                        distinct[n] = k
                        n += 1
                    }
                    out[Int(slotWindow[lo + Int(v & 0xFFFF)])] = UInt32(n - 1)
                }
            }
        }
        keys.removeSubrange(n...)
        return true
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
        let (mine, bases) = (partitionKeys, partitionBase)
        let count = NGramKeySet.partitionCount
        let slices = max(1, min(count, threads * 8))
        let decoded: [Bool] = Parallel.map(count: slices, threads: threads) { s -> Bool in
            var scratch: [UInt64] = []
            for p in (count * s / slices)..<(count * (s + 1) / slices) {
                let joined = mine[p].withUnsafeBufferPointer { a in
                    reference.withPartition(p, scratch: &scratch) { b in
                        Self.join(a, b, base: bases[p], into: bits)
                    }
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

    /// Whether id `id` is set in `bits`.
    @inline(__always)
    static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
