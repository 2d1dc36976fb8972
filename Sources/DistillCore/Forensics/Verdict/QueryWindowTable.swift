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

    /// - Parameter windows: each document's window keys (``NGramKeySet/key(_:)``), in text order.
    /// - Complexity: O(W log(W / 256)) for W windows.
    init(windows: consuming [[UInt64]], threads: Int) {
        var starts = [0]
        starts.reserveCapacity(windows.count + 1)
        for d in windows.indices { starts.append(starts[starts.count - 1] + windows[d].count) }
        let total = starts[starts.count - 1]
        precondition(total < Int(UInt32.max), "too many n-gram windows in one query")
        // Windows grouped by partition (stable: window order within a partition), each with its key,
        // so that a partition's work reads its keys sequentially.
        var partitionStart = [Int](repeating: 0, count: NGramKeySet.partitionCount + 1)
        for d in windows.indices { for k in windows[d] { partitionStart[NGramKeySet.partition(k) + 1] += 1 } }
        for p in 0..<NGramKeySet.partitionCount { partitionStart[p + 1] += partitionStart[p] }
        var order = [UInt32](repeating: 0, count: total)
        var groupedKeys = [UInt64](repeating: 0, count: total)
        var next = Array(partitionStart.dropLast())
        var w = 0
        for d in windows.indices {
            for k in windows[d] {
                let p = NGramKeySet.partition(k)
                order[next[p]] = UInt32(w)
                groupedKeys[next[p]] = k
                next[p] += 1
                w += 1
            }
        }
        // The grouped copy is all that is needed from here on (the checks below re-read the keys).
        let input = InternalChecks.enabled ? copy windows : []
        windows = []
        let ids = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, total))
        defer { ids.deallocate() }
        nonisolated(unsafe) let out = ids
        let (keys, grouped, bounds) = (groupedKeys, order, partitionStart)
        // Sort each partition's keys and keep the distinct ones; then each window's local id is the
        // position of its key (binary search in an array small enough to stay in cache).
        let locals: [[UInt64]] = Parallel.map(count: NGramKeySet.partitionCount, threads: threads) { p in
            let (lo, hi) = (bounds[p], bounds[p + 1])
            // Fast path: keys have their low 16 bits clear (NGramKeySet.key). The partition's windows are
            // bucketed by the next 8 key bits (so buckets follow key order), and each bucket of at most
            // 2^16 windows sorts (key | position in bucket) once, in cache, and hands out ids in that
            // order — no search. Any other partition takes the general path below.
            if let distinct = Self.bucketedIDs(keys: keys[lo..<hi], windows: grouped[lo..<hi], into: out) {
                return distinct
            }
            var distinct = Array(keys[lo..<hi])
            distinct.sort()
            var n = 0
            for i in 0..<distinct.count where i == 0 || distinct[i] != distinct[n - 1] {
                distinct[n] = distinct[i]
                n += 1
            }
            distinct.removeSubrange(n...)
            distinct.withUnsafeBufferPointer { d in
                for i in bounds[p]..<bounds[p + 1] {
                    let w = Int(grouped[i])
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
        var bases: [Int] = []
        var capacity = 0
        for p in 0..<NGramKeySet.partitionCount {
            bases.append(capacity)
            capacity += (locals[p].count + 63) / 64 * 64
        }
        for p in 0..<NGramKeySet.partitionCount {
            for i in bounds[p]..<bounds[p + 1] {
                let w = Int(grouped[i])
                out[w] += UInt32(bases[p])
            }
        }
        self.documentStart = starts
        self.distinctID = Array(UnsafeBufferPointer(start: ids.baseAddress, count: total))
        self.partitionKeys = locals
        self.partitionBase = bases
        self.idCapacity = capacity
        if InternalChecks.enabled {
            // Every window's id leads back to its own key, and the partitions are sorted and distinct.
            for p in 0..<NGramKeySet.partitionCount {
                InternalChecks.require(InternalChecks.strictlyIncreasing(locals[p]), "query partition \(p) not sorted")
            }
            for (w, k) in input.joined().enumerated() {
                let p = NGramKeySet.partition(k)
                let local = Int(distinctID[w]) - bases[p]
                InternalChecks.require(
                    local >= 0 && local < locals[p].count && locals[p][local] == k, "window \(w) has a wrong id")
            }
        }
    }

    /// Sorted distinct keys of one partition's windows, writing each window's partition-local id to
    /// `out`; nil (nothing written) when a key has low bits set or a bucket exceeds 2^16 windows.
    /// - Complexity: O(W log(W / 256)) for the partition's W windows, each sort within one bucket.
    private static func bucketedIDs(
        keys: ArraySlice<UInt64>, windows: ArraySlice<UInt32>, into out: UnsafeMutableBufferPointer<UInt32>
    ) -> [UInt64]? {
        // keys[i] is the key of window windows[i] (both slices share indices).
        var lowBits: UInt64 = 0
        var bucketStart = [Int](repeating: 0, count: 257)
        for k in keys {
            lowBits |= k
            bucketStart[Int((k >> 48) & 0xFF) + 1] += 1
        }
        guard lowBits & 0xFFFF == 0 else { return nil }
        for b in 0..<256 {
            guard bucketStart[b + 1] <= 1 << 16 else { return nil }
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
        var distinct: [UInt64] = []
        distinct.reserveCapacity(keys.count)
        for b in 0..<256 where bucketStart[b] < bucketStart[b + 1] {
            let lo = bucketStart[b]
            packed[lo..<bucketStart[b + 1]].sort()
            for v in packed[lo..<bucketStart[b + 1]] {
                let k = v & ~0xFFFF
                if distinct.last != k { distinct.append(k) }
                out[Int(slotWindow[lo + Int(v & 0xFFFF)])] = UInt32(distinct.count - 1)
            }
        }
        return distinct
    }

    /// A bit set over distinct ids: the keys that occur in `reference` (256 sorted partitions).
    /// - Complexity: O(distinct query keys + reference keys), a merge join per partition.
    func membership(in reference: [[UInt64]], threads: Int) -> [UInt64] {
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, idCapacity / 64))
        words.initialize(repeating: 0)
        defer { words.deallocate() }
        nonisolated(unsafe) let bits = words
        let (mine, bases) = (partitionKeys, partitionBase)
        _ = Parallel.map(count: NGramKeySet.partitionCount, threads: threads) { p -> Int in
            // Branch-free merge join: both cursors step on every comparison outcome without a jump
            // the predictor has to guess (equal keys are rare against most references).
            let base = bases[p]
            return mine[p].withUnsafeBufferPointer { a -> Int in
                reference[p].withUnsafeBufferPointer { b -> Int in
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
            }
        }
        return Array(UnsafeBufferPointer(start: words.baseAddress, count: idCapacity / 64))
    }

    /// Whether id `id` is set in `bits`.
    @inline(__always)
    static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
