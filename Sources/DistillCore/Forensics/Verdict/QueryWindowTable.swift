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
    init(windows: [[UInt64]], threads: Int) {
        var starts = [0]
        starts.reserveCapacity(windows.count + 1)
        for w in windows { starts.append(starts[starts.count - 1] + w.count) }
        let total = starts[starts.count - 1]
        precondition(total < Int(UInt32.max), "too many n-gram windows in one query")
        // Windows grouped by partition (stable: window order within a partition).
        var flat = [UInt64]()
        flat.reserveCapacity(total)
        for w in windows { flat.append(contentsOf: w) }
        var partitionStart = [Int](repeating: 0, count: NGramKeySet.partitionCount + 1)
        for k in flat { partitionStart[NGramKeySet.partition(k) + 1] += 1 }
        for p in 0..<NGramKeySet.partitionCount { partitionStart[p + 1] += partitionStart[p] }
        var order = [UInt32](repeating: 0, count: total)
        var next = Array(partitionStart.dropLast())
        for (w, k) in flat.enumerated() {
            let p = NGramKeySet.partition(k)
            order[next[p]] = UInt32(w)
            next[p] += 1
        }
        let ids = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, total))
        defer { ids.deallocate() }
        nonisolated(unsafe) let out = ids
        let (keys, grouped, bounds) = (flat, order, partitionStart)
        // Sort each partition's keys and keep the distinct ones; then each window's local id is the
        // position of its key (binary search in an array small enough to stay in cache).
        let locals: [[UInt64]] = Parallel.map(count: NGramKeySet.partitionCount, threads: threads) { p in
            let (lo, hi) = (bounds[p], bounds[p + 1])
            // Fast path: keys have their low 16 bits clear (NGramKeySet.key), so a partition of at most
            // 2^16 windows sorts (key | position) once and hands out ids in that order — no search.
            var lowBits: UInt64 = 0
            var packed: [UInt64] = []
            if hi - lo <= 1 << 16 {
                packed = grouped[lo..<hi].enumerated().map {
                    let k = keys[Int($0.element)]
                    lowBits |= k
                    return k | UInt64($0.offset)
                }
            }
            if hi - lo <= 1 << 16, lowBits & 0xFFFF == 0 {
                packed.sort()
                var distinct: [UInt64] = []
                distinct.reserveCapacity(packed.count)
                for v in packed {
                    let k = v & ~0xFFFF
                    if distinct.last != k { distinct.append(k) }
                    out[Int(grouped[lo + Int(v & 0xFFFF)])] = UInt32(distinct.count - 1)
                }
                return distinct
            }
            var distinct = grouped[lo..<hi].map { keys[Int($0)] }
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
                    let k = keys[w]
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
            for (w, k) in flat.enumerated() {
                let p = NGramKeySet.partition(k)
                let local = Int(distinctID[w]) - bases[p]
                InternalChecks.require(
                    local >= 0 && local < locals[p].count && locals[p][local] == k, "window \(w) has a wrong id")
            }
        }
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
            let a = mine[p]
            let b = reference[p]
            var i = 0
            var j = 0
            var found = 0
            while i < a.count && j < b.count {
                if a[i] < b[j] {
                    i += 1
                } else if a[i] > b[j] {
                    j += 1
                } else {
                    let id = bases[p] + i
                    bits[id >> 6] |= 1 << UInt64(id & 63)
                    found += 1
                    i += 1
                    j += 1
                }
            }
            return found
        }
        return Array(UnsafeBufferPointer(start: words.baseAddress, count: idCapacity / 64))
    }

    /// Whether id `id` is set in `bits`.
    @inline(__always)
    static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ id: Int) -> Bool {
        bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
