import Dispatch

extension QueryWindowTable {
    /// A bitmap of the top `logBits` bits of every key of the table: a window whose bit is clear has
    /// no id, found with one memory access and no branch (``membership(in:n:filter:within:threads:)``).
    struct KeyFilter: Sendable {
        let bits: [UInt64]
        let shift: UInt64

        /// The filter of `table`'s keys, with at least 8 bits a key (about 12% of other windows pass),
        /// at most 2³⁰ bits.
        /// - Complexity: O(distinct keys + bitmap words).
        init(table: QueryWindowTable) {
            (bits, shift) = Filter.topBits(of: table, keys: table.idCapacity, bitsPerKey: 8, maxLogBits: 30) { _ in true
            }
        }
    }

    /// Where the windows of a reference's word streams were found in a table of a smaller width `n`:
    /// bit `blockBase[b] + t` is set when the `n`-gram window starting at token `t` of block `b` has an id.
    struct WindowHits: Sendable {
        let n: Int
        let bits: [UInt64]
        /// Each block's first bit: its tokens' offset rounded up to a whole word, so that workers
        /// writing different blocks never share a word.
        let blockBase: [Int]

        static func bases(_ reference: ReferenceWords) -> [Int] {
            var out: [Int] = []
            var at = 0
            for b in reference.blocks {
                out.append(at)
                at += (b.tokens + 63) / 64 * 64
            }
            out.append(at)
            return out
        }
    }

    /// A bit set over distinct ids: the keys of the `n`-gram windows of `reference`'s documents, found
    /// by hashing every window again and looking it up in the table (the same bits as the merge join
    /// with the reference's key set gives), and where they were found (for a larger width's call).
    ///
    /// With `within`, the hits of a smaller width *m* in the same reference, only the windows whose
    /// first and last *m*-gram were found are hashed: a query document that holds an *n*-gram holds
    /// its *m*-grams, so no other window can be found. Otherwise every window is hashed, and `filter`
    /// (the table's ``KeyFilter``, needed then) rejects most of them with one memory access before the lookup.
    /// Each worker decodes one block at a time into its own bit set; the sets are or-ed at the end,
    /// so the result is the same for any thread count.
    /// - Throws: the reference's ``ReferenceWords/damage`` when a block does not decode.
    /// - Complexity: O(tokens × *n*) hashing (O(hits of `within` × *n*) with it) and a filter read a
    ///   window, plus a lookup (``id(of:)``) a window that passes.
    func membership(
        in reference: ReferenceWords, n: Int, filter: KeyFilter?, within: WindowHits? = nil, threads: Int
    ) throws -> (member: [UInt64], hits: WindowHits) {
        precondition(within != nil || filter != nil, "a full pass needs the table's filter")
        let wordCount = max(1, idCapacity / 64)
        let blocks = reference.blockCount
        let workers = max(1, min(threads, blocks))
        let sets = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: workers * wordCount)
        sets.initialize(repeating: 0)
        defer { sets.deallocate() }
        let base = WindowHits.bases(reference)
        let positions = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, base[blocks] / 64))
        positions.initialize(repeating: 0)
        defer { positions.deallocate() }
        let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: workers)
        failed.initialize(repeating: false)
        defer { failed.deallocate() }
        nonisolated(unsafe) let (bits, found, failures) = (sets, positions, failed)
        let next = Parallel.IndexDispenser(count: blocks, chunk: 1)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var probe = BlockProbe(
                table: self, n: n, member: bits.baseAddress! + w * wordCount, found: found.baseAddress!)
            var words: [UInt64] = []
            var starts: [Int] = []
            while let range = next.take() {
                for b in range {
                    if let within, !within.mayHaveCandidates(block: b, shift: n - within.n) { continue }
                    guard reference.decode(block: b, words: &words, starts: &starts) else {
                        failures[w] = true
                        return
                    }
                    if let within {
                        probe.within(within, words: words, starts: starts, block: b)
                    } else {
                        probe.all(words: words, starts: starts, firstBit: base[b], filter: filter!)
                    }
                }
            }
        }
        if failures.contains(true) { throw reference.damage }
        var out = Array(UnsafeBufferPointer(start: bits.baseAddress, count: idCapacity / 64))
        for w in 1..<workers {
            let theirs = bits.baseAddress! + w * wordCount
            for i in out.indices { out[i] |= theirs[i] }
        }
        return (out, WindowHits(n: n, bits: Array(positions), blockBase: base))
    }

    /// One worker's lookups of a reference's windows, block by block, into its own bit set over ids
    /// (`member`) and the shared bit set of found window positions (`found`; blocks own whole words).
    struct BlockProbe {
        let table: QueryWindowTable
        let n: Int
        let member: UnsafeMutablePointer<UInt64>
        let found: UnsafeMutablePointer<UInt64>
        /// Windows hashed and grouped at a time: a few megabytes of scratch.
        static let chunkWindows = 1 << 18
        var keys: [UInt64] = []
        var grouped: [UInt64] = []
        var passed: [UInt32] = []

        init(table: QueryWindowTable, n: Int, member: UnsafeMutablePointer<UInt64>, found: UnsafeMutablePointer<UInt64>)
        {
            self.table = table
            self.n = n
            self.member = member
            self.found = found
        }

        @inline(__always)
        func record(_ key: UInt64, position p: Int) {
            Self.record(key, position: p, table: table, member: member, found: found)
        }

        @inline(__always)
        static func record(
            _ key: UInt64, position p: Int, table: QueryWindowTable, member: UnsafeMutablePointer<UInt64>,
            found: UnsafeMutablePointer<UInt64>
        ) {
            guard let id = table.id(of: key) else { return }
            member[id >> 6] |= 1 << UInt64(id & 63)
            found[p >> 6] |= 1 << UInt64(p & 63)
        }

        /// Every window of the block's documents (`firstBit`: the block's first position bit). The
        /// windows are hashed a chunk at a time and grouped by partition (top 8 bits) with their
        /// positions, so that the filter and the table are read one partition's stretch at a time
        /// (cache- and TLB-friendly) rather than at random across all of them.
        mutating func all(words: [UInt64], starts: [Int], firstBit: Int, filter: KeyFilter) {
            let documents = starts.count - 1
            var d = 0
            while d < documents {
                // Documents while they fit in a chunk (at least one).
                var end = d
                var windows = 0
                while end < documents {
                    let m = max(0, starts[end + 1] - starts[end] - n + 1)
                    if end > d && windows + m > Self.chunkWindows { break }
                    windows += m
                    end += 1
                }
                if windows > 0 && starts[end] - starts[d] < 1 << 24 {
                    chunk(
                        words: words, starts: starts, documents: d..<end, windows: windows, firstBit: firstBit,
                        filter: filter)
                } else if windows > 0 {
                    // A document of 16 million tokens or more: its windows one at a time.
                    for e in d..<end where starts[e + 1] - starts[e] >= n {
                        let keys = Shingler.hashes(of: Array(words[starts[e]..<starts[e + 1]]), n: n)
                        for (i, k) in keys.enumerated() {
                            record(NGramKeySet.key(k), position: firstBit + starts[e] + i)
                        }
                    }
                }
                d = end
            }
        }

        private mutating func chunk(
            words: [UInt64], starts: [Int], documents: Range<Int>, windows: Int, firstBit: Int, filter: KeyFilter
        ) {
            if keys.count < windows {
                keys = [UInt64](repeating: 0, count: windows)
                grouped = [UInt64](repeating: 0, count: windows)
                passed = [UInt32](repeating: 0, count: windows)
            }
            let origin = starts[documents.lowerBound]
            var offsets = [Int](repeating: 0, count: NGramKeySet.partitionCount + 1)
            let n = self.n
            keys.withUnsafeMutableBufferPointer { k in
                grouped.withUnsafeMutableBufferPointer { g in
                    words.withUnsafeBufferPointer { all in
                        var w = 0
                        for d in documents where starts[d + 1] - starts[d] >= n {
                            let doc = UnsafeBufferPointer(rebasing: all[starts[d]..<starts[d + 1]])
                            w += Shingler.write(of: doc, n: n, into: k.baseAddress! + w)
                        }
                        for j in 0..<w { offsets[Int(k[j] >> 56) + 1] += 1 }
                        for p in 0..<NGramKeySet.partitionCount { offsets[p + 1] += offsets[p] }
                        // Grouped by partition: key bits 55…16, then the window's token offset in the chunk.
                        var next = offsets
                        w = 0
                        for d in documents where starts[d + 1] - starts[d] >= n {
                            let at = UInt64(starts[d] - origin)
                            for i in 0..<(starts[d + 1] - starts[d] - n + 1) {
                                let key = k[w]
                                let p = Int(key >> 56)
                                g[next[p]] = (key >> 16 & 0xFF_FFFF_FFFF) << 24 | (at + UInt64(i))
                                next[p] += 1
                                w += 1
                            }
                        }
                    }
                }
            }
            let shift = filter.shift
            let chunkBit = firstBit + origin
            let (table, member, found) = (self.table, self.member, self.found)
            grouped.withUnsafeBufferPointer { g in
                passed.withUnsafeMutableBufferPointer { pass in
                    filter.bits.withUnsafeBufferPointer { f in
                        for p in 0..<NGramKeySet.partitionCount {
                            let high = UInt64(p) << 56
                            // The filter without a branch (independent loads overlap), then the lookups.
                            var c = 0
                            for j in offsets[p]..<offsets[p + 1] {
                                let t = Int((high | (g[j] >> 24) << 16) >> shift)
                                pass[c] = UInt32(j)
                                c += Int((f[t >> 6] >> UInt64(t & 63)) & 1)
                            }
                            for i in 0..<c {
                                let v = g[Int(pass[i])]
                                Self.record(
                                    high | (v >> 24) << 16, position: chunkBit + Int(v & 0xFF_FFFF), table: table,
                                    member: member, found: found)
                            }
                        }
                    }
                }
            }
        }

        /// The windows of block `b` whose first and last smaller window were found (`within`).
        func within(_ within: WindowHits, words: [UInt64], starts: [Int], block b: Int) {
            let shift = n - within.n
            let first = within.blockBase[b]
            let tokens = starts[starts.count - 1]
            within.bits.withUnsafeBufferPointer { h in
                words.withUnsafeBufferPointer { all in
                    var d = 0
                    var word = first >> 6
                    while word << 6 < first + tokens {
                        var x = h[word]
                        while x != 0 {
                            let bit = word << 6 + x.trailingZeroBitCount
                            x &= x - 1
                            let t = bit - first
                            guard t < tokens else { break }
                            while starts[d + 1] <= t { d += 1 }
                            let y = bit + shift
                            guard t + n <= starts[d + 1], h[y >> 6] & (1 << UInt64(y & 63)) != 0 else { continue }
                            var hash: UInt64 = 0
                            for j in t..<(t + n) { hash = StableHash.splitmix64(hash ^ all[j]) }
                            record(NGramKeySet.key(hash), position: bit)
                        }
                        word += 1
                    }
                }
            }
        }
    }
}

extension QueryWindowTable.WindowHits {
    /// Whether block `b` may hold a window whose first and last smaller windows were both found (a
    /// word-wise test that ignores document boundaries: false only when it holds none).
    func mayHaveCandidates(block b: Int, shift: Int) -> Bool {
        guard shift > 0 && shift < 64 else { return true }
        return bits.withUnsafeBufferPointer { h in
            for word in (blockBase[b] >> 6)..<(blockBase[b + 1] >> 6) {
                let later = h[word] >> UInt64(shift) | (word + 1 < h.count ? h[word + 1] << UInt64(64 - shift) : 0)
                if h[word] & later != 0 { return true }
            }
            return false
        }
    }
}
