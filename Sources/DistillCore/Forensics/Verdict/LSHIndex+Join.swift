extension LSHIndex {
    /// Candidate pairs (document of `self`, document of `other`) that share a band key, as
    /// `(i << 32) | j`, sorted and unique: both indexes' sorted band arrays are merge-joined, so the
    /// cost is linear in their sizes rather than a binary search per document and band. Both must
    /// use the same banding. Band hashes are compared on their bits above both indexes' document
    /// bits. Buckets are capped at ``fullPairBucketLimit`` pairs per document of `self`.
    /// - Complexity: O((*n* + *m*) × *bands*), bands in parallel.
    public func candidates(joining other: LSHIndex, threads: Int) -> [UInt64] {
        precondition(parameters == other.parameters)
        let perBand: [[UInt64]] = Parallel.map(count: bands.count, threads: threads) { band in
            join(band: band, bands[band], other.bands[band], otherBits: other.indexBits)
        }
        return Self.sortedUnique(perBand)
    }

    /// ``candidates(joining:threads:)`` with the index of `signatures` (`permutations` values a
    /// document, the same banding), made a band at a time and never whole: the same pairs, while a
    /// worker holds one band's keys (8 bytes a document) instead of every band's.
    /// - Complexity: O((*n* + *m*) × *bands* + *m* × *bands* × log *m*) for *m* documents of `signatures`,
    ///   bands in parallel.
    public func candidates(joiningSignatures signatures: [UInt32], threads: Int) -> [UInt64] {
        let count = permutations == 0 ? 0 : signatures.count / permutations
        let otherBits = Self.indexBits(count: count)
        let rows = parameters.rows
        let permutations = permutations
        // Four bands a task: their values share the cache line a document's signature is read in.
        let group = 4
        let tasks = (bands.count + group - 1) / group
        let perTask: [[UInt64]] = Parallel.map(count: tasks, threads: threads) { t in
            let range = (t * group)..<min(bands.count, (t + 1) * group)
            let theirs = Self.bandKeys(
                [signatures], counts: [count], bands: range, rows: rows, permutations: permutations, bits: otherBits)
            return (0..<range.count).flatMap { i in
                join(band: range.lowerBound + i, bands[range.lowerBound + i], theirs[i], otherBits: otherBits)
            }
        }
        return Self.sortedUnique(perTask)
    }

    /// The pairs of one band: `a` (this index's sorted keys) merge-joined with `b` (another's, whose
    /// documents take `otherBits` bits).
    /// - Complexity: O(*n* + *m* + pairs).
    private func join(band: Int, _ a: [UInt64], _ b: [UInt64], otherBits: Int) -> [UInt64] {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in join(a, b, otherBits: otherBits) } }
    }

    private func join(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, otherBits: Int) -> [UInt64] {
        let shift = UInt64(max(indexBits, otherBits))
        let mine: UInt64 = (1 << UInt64(indexBits)) - 1
        let theirs: UInt64 = (1 << UInt64(otherBits)) - 1
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
}
