import Dispatch

extension QueryWindowTable {
    /// A blocked Bloom filter of the table's keys: a key's 64-byte line is its top bits, and two bits
    /// of that line, chosen by the next bits, are set. A window whose two bits are not both set has no
    /// id. Windows grouped by their top bits (``WindowGroups``) read the filter one stretch of lines at
    /// a time, so the lines they read stay in cache.
    struct KeyFilter: Sendable {
        let words: [UInt64]
        /// log₂ of the number of lines.
        let lineBits: Int

        /// The filter of `table`'s keys: at least 5 bits a key (about 10% of other windows pass), from
        /// 2¹⁶ to 2³² bits.
        /// - Complexity: O(distinct keys + filter words).
        init(table: QueryWindowTable) {
            var logBits = 16
            while logBits < 32 && (1 << logBits) < table.idCapacity * 5 { logBits += 1 }
            lineBits = logBits - 9
            var words = HugePages.zeros(1 << (logBits - 6), of: UInt64.self)
            let lineBits = self.lineBits
            words.withUnsafeMutableBufferPointer { w in
                for b in 0..<QueryWindowTable.bucketCount {
                    let high = UInt64(b) << 48
                    for low in table.buckets[b] {
                        let (first, second) = Self.bits(high | UInt64(low) << 16, lineBits: lineBits)
                        w[first >> 6] |= 1 << UInt64(first & 63)
                        w[second >> 6] |= 1 << UInt64(second & 63)
                    }
                }
            }
            self.words = words
        }

        /// The two bits of `key`: in line `key >> (64 - lineBits)`, at the next two 9-bit fields.
        @inline(__always)
        static func bits(_ key: UInt64, lineBits: Int) -> (Int, Int) {
            let line = Int(key >> UInt64(64 - lineBits)) << 9
            return (line | Int(key >> UInt64(55 - lineBits) & 511), line | Int(key >> UInt64(46 - lineBits) & 511))
        }

        /// 1 when both bits of `key` are set, else 0.
        @inline(__always)
        static func test(_ words: UnsafeBufferPointer<UInt64>, _ key: UInt64, lineBits: Int) -> Int {
            let (first, second) = bits(key, lineBits: lineBits)
            return Int(words[first >> 6] >> UInt64(first & 63) & words[second >> 6] >> UInt64(second & 63) & 1)
        }
    }

    /// Where the windows of a reference's word streams were found in a table of a smaller width `n`:
    /// bit `blockBase[b] + t` is set when the `n`-gram window starting at token `t` of block `b` has an id.
    struct WindowHits: Sendable {
        let n: Int
        /// Kept sparse (``SparseWords``): a larger width reads them after every reference's pass.
        let bits: SparseWords
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
    /// first and last *m*-gram were found are hashed, and only the documents that hold such windows
    /// are decoded: a query document that holds an *n*-gram holds its *m*-grams, so no other window can
    /// be found. Otherwise every window is hashed and filed by its top bits (``WindowGroups``, a few
    /// million windows a worker, across blocks), and `filter` (the table's ``KeyFilter``, needed then)
    /// rejects most of them, a group at a time, before the lookup.
    /// Each worker decodes one block at a time into its own bit set; the sets are or-ed at the end,
    /// so the result is the same for any thread count.
    /// - Throws: the reference's ``ReferenceWords/damage`` when a block does not decode.
    /// - Complexity: O(tokens × *n*) hashing (O(hits of `within` × *n*) with it) and a filter read a
    ///   window, plus a lookup (``id(of:)``) a window that passes.
    /// `groups` sets the grouping's limits (tests make them small, so that every flush path runs).
    func membership(
        in reference: ReferenceWords, n: Int, filter: KeyFilter?, within: WindowHits? = nil,
        groups limits: WindowGroups.Limits = .init(), threads: Int
    ) throws -> (member: [UInt64], hits: WindowHits) {
        precondition(within != nil || filter != nil, "a full pass needs the table's filter")
        let wordCount = max(1, idCapacity / 64)
        let blocks = reference.blockCount
        let workers = max(1, min(threads, blocks))
        // Worker 0 records into the result itself, the others into sets of their own (or-ed in at
        // the end); the hit positions are the returned array's: no copies at the end of the pass.
        var result = HugePages.zeros(wordCount, of: UInt64.self)
        let sets = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, (workers - 1) * wordCount))
        HugePages.advise(sets.baseAddress!, bytes: sets.count * 8)
        sets.initialize(repeating: 0)
        defer { sets.deallocate() }
        let base = WindowHits.bases(reference)
        var positions = HugePages.zeros(max(1, base[blocks] / 64), of: UInt64.self)
        let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: workers)
        failed.initialize(repeating: false)
        defer { failed.deallocate() }
        result.withUnsafeMutableBufferPointer { mine in
            positions.withUnsafeMutableBufferPointer { at in
                pass(
                    reference, n: n, filter: filter, within: within, limits: limits, workers: workers, base: base,
                    sets: (mine.baseAddress!, sets.baseAddress!, wordCount), found: at.baseAddress!, failed: failed)
            }
        }
        if failed.contains(true) { throw reference.damage }
        for w in 1..<workers {
            let theirs = sets.baseAddress! + (w - 1) * wordCount
            for i in result.indices { result[i] |= theirs[i] }
        }
        if result.count != idCapacity / 64 { result.removeAll() }
        return (result, WindowHits(n: n, bits: SparseWords(positions), blockBase: base))
    }

    /// The workers of ``membership(in:n:filter:within:groups:threads:)``: worker 0 records ids in
    /// `sets.first`, worker *w* in `sets.others + (w − 1) × sets.words`.
    private func pass(
        _ reference: ReferenceWords, n: Int, filter: KeyFilter?, within: WindowHits?, limits: WindowGroups.Limits,
        workers: Int, base: [Int],
        sets: (first: UnsafeMutablePointer<UInt64>, others: UnsafeMutablePointer<UInt64>, words: Int),
        found: UnsafeMutablePointer<UInt64>, failed: UnsafeMutableBufferPointer<Bool>
    ) {
        let blocks = reference.blockCount
        nonisolated(unsafe) let (bits, found, failures) = (sets, found, failed)
        let next = Parallel.IndexDispenser(count: blocks, chunk: 1)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let member = w == 0 ? bits.first : bits.others + (w - 1) * bits.words
            var words: [UInt64] = []
            var starts: [Int] = []
            if let within {
                while let range = next.take() {
                    for b in range where within.mayHaveCandidates(block: b, shift: n - within.n) {
                        guard
                            Self.hashWithin(
                                within, block: b, n: n, reference: reference, table: self, member: member,
                                found: found, words: &words, starts: &starts)
                        else {
                            failures[w] = true
                            return
                        }
                    }
                }
                return
            }
            var groups = WindowGroups(
                table: self, filter: filter!, member: member, found: found, limits: limits)
            defer { groups.deallocate() }
            // Each block a stretch of documents at a time (a few MB of word ids, not the block's).
            var local: [Int] = []
            while let range = next.take() {
                for b in range {
                    guard var reader = reference.reader(block: b) else {
                        failures[w] = true
                        return
                    }
                    while true {
                        guard let documents = reference.read(&reader, tokens: 1 << 17, words: &words) else {
                            failures[w] = true
                            return
                        }
                        if documents.isEmpty { break }
                        let origin = reader.starts[documents.lowerBound]
                        local.removeAll(keepingCapacity: true)
                        for d in documents.lowerBound...documents.upperBound { local.append(reader.starts[d] - origin) }
                        groups.add(words: words, starts: local, n: n, firstBit: base[b] + origin)
                    }
                }
            }
            groups.flush()
        }
    }

    /// Records a found window: its key's id in `member`, its position bit `p` in `found`.
    @inline(__always)
    static func record(
        id: Int, position p: Int, member: UnsafeMutablePointer<UInt64>, found: UnsafeMutablePointer<UInt64>
    ) {
        member[id >> 6] |= 1 << UInt64(id & 63)
        found[p >> 6] |= 1 << UInt64(p & 63)
    }

    /// One worker's hashed windows, filed by the top 12 bits of their key into groups of fixed
    /// capacity (10.5 MB a worker), each entry the key's next 36 bits and the window's position bit less
    /// the chunk's first (28 bits). When a group is full, or a position would not fit, every group is
    /// flushed: a group's windows go through the filter's lines for its keys (a 1/4,096 stretch of
    /// the filter, read a few times a line rather than once a window at random), and those that pass
    /// are looked up in the table's buckets of the same stretch.
    struct WindowGroups {
        static let groupBits = 12
        static let groupCount = 1 << groupBits
        /// How many entries a group holds (about 1.2 million windows a worker before a flush; 192
        /// measured 8% slower, 384 no faster and 8 MB more) and how far positions may
        /// reach past the chunk's first (at most 2²⁸).
        struct Limits: Sendable {
            var capacity = 320
            var positions = 1 << 28
        }

        let table: QueryWindowTable
        let filter: KeyFilter
        let member: UnsafeMutablePointer<UInt64>
        let found: UnsafeMutablePointer<UInt64>
        let entries: UnsafeMutablePointer<UInt64>
        let fill: UnsafeMutablePointer<Int>
        let passed: UnsafeMutablePointer<Int32>
        static let piece = 1 << 16
        let keys: UnsafeMutablePointer<UInt64>
        let capacity: Int
        let reach: Int
        /// The position bit that entries count from.
        var origin = 0

        init(
            table: QueryWindowTable, filter: KeyFilter, member: UnsafeMutablePointer<UInt64>,
            found: UnsafeMutablePointer<UInt64>, limits: Limits
        ) {
            precondition(limits.capacity >= 1 && limits.positions >= 1 && limits.positions <= 1 << 28)
            capacity = limits.capacity
            reach = limits.positions
            self.table = table
            self.filter = filter
            self.member = member
            self.found = found
            // 2 MB pages: filing writes each window to one of 4,096 places a few kB apart, which with
            // 4 kB pages misses the TLB on nearly every write.
            entries = .allocate(capacity: Self.groupCount * limits.capacity)
            HugePages.advise(entries, bytes: Self.groupCount * limits.capacity * 8)
            fill = .allocate(capacity: Self.groupCount)
            fill.initialize(repeating: 0, count: Self.groupCount)
            passed = .allocate(capacity: limits.capacity)
            keys = .allocate(capacity: Self.piece)
        }

        func deallocate() {
            entries.deallocate()
            fill.deallocate()
            passed.deallocate()
            keys.deallocate()
        }

        /// Files the `n`-gram windows of a decoded block whose first token is position bit `firstBit`.
        mutating func add(words: [UInt64], starts: [Int], n: Int, firstBit: Int) {
            let piece = min(Self.piece, reach)
            let documents = starts.count - 1
            words.withUnsafeBufferPointer { all in
                for d in 0..<documents where starts[d + 1] - starts[d] >= n {
                    // The document's windows a piece at a time (a piece's windows and the n - 1
                    // tokens after them).
                    var w = starts[d]
                    let last = starts[d + 1] - n
                    while w <= last {
                        let count = min(piece, last - w + 1)
                        let first = firstBit + w
                        if first + count - origin > reach { flush(origin: first) }
                        let tokens = UnsafeBufferPointer(rebasing: all[w..<(w + count + n - 1)])
                        let made = Shingler.write(of: tokens, n: n, into: keys)
                        assert(made == count)
                        file(count: count, firstBit: first)
                        w += count
                    }
                }
            }
        }

        /// Files `keys[0..<count]`, the windows at position bits `firstBit`, `firstBit + 1`, ….
        private mutating func file(count: Int, firstBit: Int) {
            for i in 0..<count {
                let key = keys[i]
                let g = Int(key >> 52)
                if fill[g] == capacity { flush(origin: firstBit + i) }
                let offset = UInt64(firstBit + i - origin)
                entries[g * capacity + fill[g]] = (key >> 16 & 0xF_FFFF_FFFF) << 28 | offset
                fill[g] += 1
            }
        }

        /// Looks up every filed window; entries then count from position bit `origin`.
        mutating func flush(origin next: Int = 0) {
            let lineBits = filter.lineBits
            let (table, member, found, entries, origin) = (table, member, found, entries, origin)
            let (pass, fill) = (passed, fill)
            // A group's stretch of the filter: its lines (read ahead, a group early, so that the
            // test below finds them in cache rather than waiting on each).
            let lineShift = max(0, lineBits - Self.groupBits)
            filter.words.withUnsafeBufferPointer { f in
                for g in 0..<Self.groupCount where fill[g] > 0 {
                    if lineShift > 0 && g + 1 < Self.groupCount {
                        var touched: UInt64 = 0
                        let from = ((g + 1) << lineShift) << 3
                        for w in stride(from: from, to: from + (8 << lineShift), by: 8) { touched &+= f[w] }
                        QueryWindowTable.keep(UInt32(truncatingIfNeeded: touched))
                    }
                    let high = UInt64(g) << 52
                    let group = entries + g * capacity
                    // The filter without a branch (independent loads overlap), then the lookups.
                    var c = 0
                    for j in 0..<fill[g] {
                        pass[c] = Int32(j)
                        c += KeyFilter.test(f, high | (group[j] >> 28) << 16, lineBits: lineBits)
                    }
                    // The survivors' bucket places read first (the misses overlap), then the searches
                    // (``QueryWindowTable/lookUp(count:key:_:)`` written out: at most a group's entries,
                    // and this loop is the pass's hottest).
                    var touched: UInt32 = 0
                    for i in 0..<c { touched &+= table.touch(high | (group[Int(pass[i])] >> 28) << 16) }
                    QueryWindowTable.keep(touched)
                    for i in 0..<c {
                        let e = group[Int(pass[i])]
                        if let id = table.id(of: high | (e >> 28) << 16) {
                            QueryWindowTable.record(
                                id: id, position: origin + Int(e & 0xFFF_FFFF), member: member, found: found)
                        }
                    }
                    fill[g] = 0
                }
            }
            self.origin = next
        }
    }

    /// Hashes the windows of block `b` whose first and last smaller window were found (`within`),
    /// decoding only the documents that hold them.
    /// - Returns: false when the block does not decode.
    static func hashWithin(
        _ within: WindowHits, block b: Int, n: Int, reference: ReferenceWords, table: QueryWindowTable,
        member: UnsafeMutablePointer<UInt64>, found: UnsafeMutablePointer<UInt64>, words: inout [UInt64],
        starts: inout [Int]
    ) -> Bool {
        let shift = n - within.n
        let first = within.blockBase[b]
        let tokens = reference.blocks[b].tokens
        // The candidate windows' first tokens (ignoring documents for now), in order.
        var candidates: [Int] = []
        let h = within.bits
        h.nonzero(in: (first >> 6)..<((first + tokens + 63) >> 6)) { word, value in
            var x = value
            while x != 0 {
                let bit = word << 6 + x.trailingZeroBitCount
                x &= x - 1
                guard bit - first < tokens else { break }
                // A window's last smaller window starts inside the block (else the window
                // cannot end in its document; and the block's last bits are the array's last).
                let y = bit + shift
                if y < first + tokens && h[y >> 6] & (1 << UInt64(y & 63)) != 0 { candidates.append(bit - first) }
            }
        }
        guard !candidates.isEmpty else { return true }
        // The documents the candidates are in (the lengths are decoded first, then only those).
        guard let lengths = reference.reader(block: b) else { return false }
        starts = lengths.starts
        var wanted: [Int] = []
        var kept: [Int] = []
        var d = 0
        for t in candidates {
            while starts[d + 1] <= t { d += 1 }
            guard t + n <= starts[d + 1] else { continue }
            if wanted.last != d { wanted.append(d) }
            kept.append(t)
        }
        guard !kept.isEmpty else { return true }
        guard reference.decode(block: b, only: wanted, words: &words, starts: &starts) else { return false }
        // Runs of consecutive candidates hashed side by side (``Shingler/write(of:n:includeShortTail:into:)``),
        // then looked up a batch at a time (``QueryWindowTable/lookUp(count:key:_:)``).
        var keys = [UInt64](repeating: 0, count: kept.count)
        words.withUnsafeBufferPointer { all in
            keys.withUnsafeMutableBufferPointer { k in
                var i = 0
                while i < kept.count {
                    var j = i + 1
                    while j < kept.count && kept[j] == kept[j - 1] + 1 { j += 1 }
                    let tokens = UnsafeBufferPointer(rebasing: all[kept[i]..<(kept[j - 1] + n)])
                    _ = Shingler.write(of: tokens, n: n, into: k.baseAddress! + i)
                    i = j
                }
            }
        }
        let key = { (i: Int) -> UInt64 in NGramKeySet.key(keys[i]) }
        table.lookUp(count: keys.count, key: key) { i, id in
            record(id: id, position: first + kept[i], member: member, found: found)
        }
        return true
    }
}

extension QueryWindowTable.WindowHits {
    /// Whether block `b` may hold a window whose first and last smaller windows were both found (a
    /// word-wise test that ignores document boundaries: false only when it holds none).
    func mayHaveCandidates(block b: Int, shift: Int) -> Bool {
        guard shift > 0 && shift < 64 else { return true }
        var found = false
        bits.nonzero(in: (blockBase[b] >> 6)..<(blockBase[b + 1] >> 6)) { word, value in
            let later = value >> UInt64(shift) | bits[word + 1] << UInt64(64 - shift)
            if value & later != 0 { found = true }
        }
        return found
    }
}
