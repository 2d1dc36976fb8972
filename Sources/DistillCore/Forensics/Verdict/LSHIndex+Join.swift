extension LSHIndex {
    /// Candidate pairs (document of `self`, document of `other`) that share a band key, as
    /// `(i << 32) | j`, sorted and unique: both indexes' sorted band arrays are merge-joined, so the
    /// cost is linear in their sizes rather than a binary search per document and band. Both must
    /// use the same banding. Band hashes are compared on their bits above both indexes' document
    /// bits. Buckets are capped at ``fullPairBucketLimit`` pairs per document of `self`.
    /// - Complexity: O((*n* + *m*) × *bands*), bands in parallel.
    public func candidates(joining other: LSHIndex, threads: Int) -> [UInt64] {
        precondition(parameters == other.parameters)
        let shift = UInt64(max(indexBits, other.indexBits))
        let mine: UInt64 = (1 << UInt64(indexBits)) - 1
        let theirs: UInt64 = (1 << UInt64(other.indexBits)) - 1
        let perBand: [[UInt64]] = Parallel.map(count: bands.count, threads: threads) { band in
            let a = bands[band]
            let b = other.bands[band]
            var out: [UInt64] = []
            var i = 0
            var j = 0
            while i < a.count && j < b.count {
                let ha = a[i] >> shift
                let hb = b[j] >> shift
                if ha < hb {
                    i += 1
                } else if ha > hb {
                    j += 1
                } else {
                    var iEnd = i
                    while iEnd < a.count && a[iEnd] >> shift == ha { iEnd += 1 }
                    var jEnd = j
                    while jEnd < b.count && b[jEnd] >> shift == hb { jEnd += 1 }
                    for x in i..<iEnd {
                        for y in j..<min(jEnd, j + Self.fullPairBucketLimit) {
                            out.append((a[x] & mine) << 32 | (b[y] & theirs))
                        }
                    }
                    i = iEnd
                    j = jEnd
                }
            }
            return out
        }
        var all = perBand.flatMap { $0 }
        all.sort()
        var n = 0
        for k in 0..<all.count where k == 0 || all[k] != all[n - 1] {
            all[n] = all[k]
            n += 1
        }
        all.removeSubrange(n...)
        return all
    }
}
