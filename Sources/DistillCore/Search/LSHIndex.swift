/// A MinHash LSH index over a set of signatures: each band's values are hashed to one key and the
/// keys are kept sorted, so documents sharing a band key are found by a scan (within the set) or a
/// binary search (for a query).
///
/// Keys pack the band hash's high bits above the document index, so one sorted `[UInt64]` per band
/// is the whole index. Everything is deterministic: pairs come out sorted.
public struct LSHIndex: Sendable {
    public let parameters: LSHParameters
    public let permutations: Int
    public let count: Int
    /// Bits of a key that hold the document index.
    let indexBits: Int
    /// One sorted key array per band.
    let bands: [[UInt64]]

    /// Buckets larger than this link every member to the bucket's first member only, instead of
    /// every pair, so a flood of identical documents cannot make the work quadratic.
    public static let fullPairBucketLimit = 128

    /// Indexes `count` signatures stored one after another in `signatures`.
    /// - Complexity: O(*count* × *bands* × log *count*), bands in parallel.
    public init(signatures: [UInt32], permutations: Int, parameters: LSHParameters, threads: Int) {
        self.init(segments: [signatures], permutations: permutations, parameters: parameters, threads: threads)
    }

    /// Indexes the signatures of `segments` as one list, segment after segment (document `d` of segment
    /// `s` has index `d` plus the documents of the segments before it), without copying them into one
    /// buffer.
    /// - Complexity: O(*count* × *bands* × log *count*), bands in parallel.
    public init(segments: [[UInt32]], permutations: Int, parameters: LSHParameters, threads: Int) {
        precondition(parameters.bands * parameters.rows <= permutations)
        self.parameters = parameters
        self.permutations = permutations
        let counts = segments.map { permutations == 0 ? 0 : $0.count / permutations }
        let count = counts.reduce(0, +)
        self.count = count
        let bits = Self.indexBits(count: count)
        self.indexBits = bits
        let rows = parameters.rows
        self.bands = Parallel.map(count: parameters.bands, threads: threads) { band in
            Self.bandKeys(segments, counts: counts, band: band, rows: rows, permutations: permutations, bits: bits)
        }
        if InternalChecks.enabled {
            for (s, signatures) in segments.enumerated() {
                InternalChecks.require(
                    signatures.count == counts[s] * permutations, "signature buffer is not count × k")
            }
            for (b, keys) in bands.enumerated() {
                InternalChecks.require(InternalChecks.strictlyIncreasing(keys), "LSH band \(b) not sorted")
                InternalChecks.require(
                    Set(keys.map { $0 & ((1 << UInt64(bits)) - 1) }).count == count, "LSH band \(b) lost a document")
            }
        }
    }

    /// The bits that hold a document's index in a band key of an index of `count` documents.
    static func indexBits(count: Int) -> Int {
        max(1, UInt64.bitWidth - UInt64(max(count, 1)).leadingZeroBitCount)
    }

    /// One band's keys of the documents of `segments` (`counts[s]` documents in segment `s`), sorted:
    /// the band hash above the low `bits` bits, the document's index below.
    /// - Complexity: O(*count* × *rows* + *count* log *count*).
    static func bandKeys(
        _ segments: [[UInt32]], counts: [Int], band: Int, rows: Int, permutations: Int, bits: Int
    ) -> [UInt64] {
        bandKeys(
            segments, counts: counts, bands: band..<(band + 1), rows: rows, permutations: permutations, bits: bits)[0]
    }

    /// ``bandKeys(_:counts:band:rows:permutations:bits:)`` of several consecutive bands, made in one
    /// pass over the signatures (neighbouring bands' values share a cache line).
    /// - Complexity: O(*count* × *rows* × *bands* + *bands* × *count* log *count*).
    static func bandKeys(
        _ segments: [[UInt32]], counts: [Int], bands: Range<Int>, rows: Int, permutations: Int, bits: Int
    ) -> [[UInt64]] {
        let count = counts.reduce(0, +)
        // Band `i`'s keys at `i × count`: a document's bands written together.
        var flat = [UInt64](repeating: 0, count: count * bands.count)
        let mask: UInt64 = (1 << UInt64(bits)) - 1
        var first = 0
        flat.withUnsafeMutableBufferPointer { k in
            for (s, signatures) in segments.enumerated() {
                signatures.withUnsafeBufferPointer { sig in
                    for d in 0..<counts[s] {
                        for (i, band) in bands.enumerated() {
                            let h = Self.bandHash(sig, document: d, band: band, rows: rows, permutations: permutations)
                            k[i * count + first + d] = (h & ~mask) | UInt64(first + d)
                        }
                    }
                }
                first += counts[s]
            }
        }
        return (0..<bands.count).map { i in
            var keys = Array(flat[(i * count)..<((i + 1) * count)])
            HashSort.sort(&keys)
            return keys
        }
    }

    /// The band hash: splitmix64 chained over the band's signature values, seeded by the band number.
    @inline(__always)
    static func bandHash(
        _ sig: UnsafeBufferPointer<UInt32>, document d: Int, band: Int, rows: Int, permutations: Int
    ) -> UInt64 {
        var h = StableHash.splitmix64(UInt64(band) &+ 0x5EED)
        let base = d * permutations + band * rows
        for r in 0..<rows { h = StableHash.splitmix64(h ^ UInt64(sig[base + r])) }
        return h
    }

    private var indexMask: UInt64 { (1 << UInt64(indexBits)) - 1 }

    /// Candidate pairs within the indexed set, as `(i << 32) | j` with i < j, sorted and unique.
    /// - Complexity: O(*count* × *bands* + *P* log *P*) for *P* band pairs before deduplication; a bucket
    ///   links at most ``fullPairBucketLimit`` documents pairwise, so *P* ≤ 64 × *count* × *bands*. Bands
    ///   are scanned in parallel.
    public func candidatePairs(threads: Int) -> [UInt64] {
        let mask = indexMask
        let perBand: [[UInt64]] = Parallel.map(count: bands.count, threads: threads) { band in
            var out: [UInt64] = []
            let keys = bands[band]
            var start = 0
            while start < keys.count {
                let bucket = keys[start] & ~mask
                var end = start + 1
                while end < keys.count && keys[end] & ~mask == bucket { end += 1 }
                let size = end - start
                if size > 1 {
                    if size <= Self.fullPairBucketLimit {
                        for a in start..<end {
                            let i = keys[a] & mask
                            for b in (a + 1)..<end { out.append(i << 32 | (keys[b] & mask)) }
                        }
                    } else {
                        let first = keys[start] & mask
                        for b in (start + 1)..<end { out.append(first << 32 | (keys[b] & mask)) }
                    }
                }
                start = end
            }
            return out
        }
        return Self.sortedUnique(perBand)
    }

    /// Candidate (query, indexed document) pairs for `queries` signatures (same k and seed), as
    /// `(query << 32) | document`, sorted and unique.
    /// - Complexity: O(*q* × *bands* × (*rows* + log *count*) + *P* log *P*) for *q* query signatures and *P*
    ///   pairs found (at most ``fullPairBucketLimit`` per query and band); queries in parallel.
    public func candidates(forQueries queries: [UInt32], threads: Int) -> [UInt64] {
        let queryCount = queries.count / permutations
        let mask = indexMask
        let slices = max(1, min(queryCount, threads * 8))
        let perSlice: [[UInt64]] = Parallel.map(count: slices, threads: threads) { s in
            var out: [UInt64] = []
            let lo = queryCount * s / slices
            let hi = queryCount * (s + 1) / slices
            queries.withUnsafeBufferPointer { sig in
                for q in lo..<hi {
                    for band in 0..<bands.count {
                        let h = Self.bandHash(
                            sig, document: q, band: band, rows: parameters.rows, permutations: permutations)
                        let bucket = h & ~mask
                        let keys = bands[band]
                        var i = Self.lowerBound(keys, bucket)
                        var taken = 0
                        while i < keys.count && keys[i] & ~mask == bucket && taken < Self.fullPairBucketLimit {
                            out.append(UInt64(q) << 32 | (keys[i] & mask))
                            i += 1
                            taken += 1
                        }
                    }
                }
            }
            return out
        }
        return Self.sortedUnique(perSlice)
    }

    static func lowerBound(_ keys: [UInt64], _ value: UInt64) -> Int {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func sortedUnique(_ parts: [[UInt64]]) -> [UInt64] {
        var all: [UInt64] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { all.append(contentsOf: p) }
        all.sort()
        var out = 0
        for i in 0..<all.count where i == 0 || all[i] != all[out - 1] {
            all[out] = all[i]
            out += 1
        }
        all.removeSubrange(out...)
        return all  // pair codes are not uniform hashes: the standard sort applies
    }
}
