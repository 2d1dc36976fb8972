/// Lexical diversity measures: the per-document passes of MATTR and MTLD (accumulated into a
/// ``StyleProfile`` as integer sums) and the corpus-level measures derived from word counts.
///
/// - MATTR, moving-average type–token ratio: the mean TTR of every window of 50 consecutive words
///   (Covington & McFall 2010, "Cutting the Gordian knot: the moving-average type–token ratio",
///   *Journal of Quantitative Linguistics* 17(2)); a document shorter than a window counts as one
///   window of its length. Pooled over documents as Σ distinct / Σ window size.
/// - MTLD, measure of textual lexical diversity: words per *factor*, a factor ending when the running
///   TTR falls to 0.72, the remainder counting as the fraction (1 − TTR)/(1 − 0.72); the mean of the
///   forward and backward passes (McCarthy & Jarvis 2010, *Behavior Research Methods* 42(2)).
///   Pooled as Σ words / Σ factors over both passes of every document.
/// - Yule's K = 10⁴ · (Σᵢ fᵢ² − N) / N² over word frequencies fᵢ, N words (Yule 1944).
/// - Hapax rate: words seen exactly once as a share of distinct words.
public enum LexicalDiversity {
    /// Yule's K of a word count table (0 for an empty one).
    public static func yulesK(_ table: WordCountTable) -> Double {
        let n = Double(table.total)
        if n == 0 { return 0 }
        var squares = 0.0
        for e in table.entries() { squares += Double(e.count) * Double(e.count) }
        return 1e4 * (squares - n) / (n * n)
    }

    /// Distinct words seen exactly once, over distinct words.
    public static func hapaxRate(_ table: WordCountTable) -> Double {
        if table.count == 0 { return 0 }
        var once = 0
        table.forEachEntry { _, c in if c == 1 { once += 1 } }
        return Double(once) / Double(table.count)
    }

    /// Where a document's words lie in its normalised text: word `k` is `text[starts[k]..<ends[k]]`.
    struct WordSpans {
        let text: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int>
        let ends: UnsafeBufferPointer<Int>
    }

    /// Counts one document's words into `profile.words` and adds its MATTR and MTLD sums.
    ///
    /// One hashing pass numbers the document's distinct words 0, 1, 2, … in order of first
    /// appearance and counts each; every distinct word then goes to the corpus word table once,
    /// with its count, in that order (the same table as adding the words one by one). The MATTR
    /// window and both MTLD passes count in plain arrays indexed by those numbers.
    /// - Complexity: O(*n*) expected in the number of words.
    static func accumulate(
        _ ids: UnsafeBufferPointer<UInt64>, spans: WordSpans, into profile: inout StyleProfile,
        scratch: inout LocalCounter
    ) {
        let n = ids.count
        guard n > 0 else { return }
        let w = StyleProfile.mattrWindow
        scratch.reset(for: n)
        scratch.withDense { t, dense, counts, stamps in
            // While numbering, `stamps` holds each number's first position and `counts` its count
            // (both set for the next number before each lookup, so a new word finds them ready).
            var next: Int32 = 0
            for i in 0..<n {
                stamps[Int(next)] = UInt32(truncatingIfNeeded: i)
                counts[Int(next)] = 0
                let d = t.index(ids[i], next: &next)
                dense[i] = d
                counts[Int(d)] &+= 1
            }
            let distinctWords = Int(next)
            profile.words.addCounts(
                distinct: distinctWords, firstPositions: UnsafeBufferPointer(stamps),
                counts: UnsafeBufferPointer(counts), ids: ids, spans: spans)
            for d in 0..<distinctWords { counts[d] = 0 }
            var distinct = 0
            if n < w {
                profile.mattrDistinct &+= UInt64(distinctWords)
                profile.mattrWindowTokens &+= UInt64(n)
            } else {
                // Branch-free: a count reaching 1 adds a distinct word, one reaching 0 takes it away.
                for i in 0..<w {
                    let d = Int(dense[i])
                    counts[d] &+= 1
                    distinct &+= counts[d] == 1 ? 1 : 0
                }
                var sum = UInt64(distinct)
                for i in w..<n {
                    let old = Int(dense[i - w])
                    counts[old] &-= 1
                    distinct &-= counts[old] == 0 ? 1 : 0
                    let d = Int(dense[i])
                    counts[d] &+= 1
                    distinct &+= counts[d] == 1 ? 1 : 0
                    sum &+= UInt64(distinct)
                }
                profile.mattrDistinct &+= sum
                profile.mattrWindowTokens &+= UInt64(w) &* UInt64(n - w + 1)
            }
            let words = UnsafeBufferPointer(rebasing: dense[0..<n])
            let forward = mtldFactors(words, reversed: false, stamps: stamps, distinct: distinctWords)
            let backward = mtldFactors(words, reversed: true, stamps: stamps, distinct: distinctWords)
            profile.mtldFactorsFixed &+= Int64(((forward + backward) * StyleProfile.fixedPointScale).rounded())
            profile.mtldTokens &+= UInt64(2 * n)
        }
    }

    /// MTLD factors of one pass over the dense word numbers `dense` (each below `distinct`); `stamps`
    /// (at least `distinct` long) marks the words of the current factor.
    static func mtldFactors(
        _ dense: UnsafeBufferPointer<Int32>, reversed: Bool, stamps: UnsafeMutableBufferPointer<UInt32>,
        distinct: Int
    ) -> Double {
        let threshold = StyleProfile.mtldThreshold
        let n = dense.count
        for d in 0..<distinct { stamps[d] = 0 }
        var generation: UInt32 = 1
        var factors = 0.0
        var types = 0
        var tokens = 0
        for k in 0..<n {
            let d = Int(dense[reversed ? n - 1 - k : k])
            tokens &+= 1
            // Branch-free: a word not yet stamped in this factor is a new type.
            types &+= stamps[d] != generation ? 1 : 0
            stamps[d] = generation
            // types / tokens ≤ 0.72 exactly as 25 · types ≤ 18 · tokens: the same decision as the
            // rounded quotient against the double 0.72 for any realistic count (a gap of at least
            // 1/(25 · tokens) separates the two from 18/25), without a division per word.
            if 25 &* types <= 18 &* tokens {
                factors += 1
                types = 0
                tokens = 0
                generation &+= 1
            }
        }
        if tokens > 0 {
            let ttr = Double(types) / Double(tokens)
            factors += (1 - ttr) / (1 - threshold)
        }
        return factors
    }
}

/// Scratch counts of word ids inside one document: open addressing with generation stamps, so
/// clearing is O(1). One per thread; the passes run on an unsafe view of its slots (``Table``),
/// free of per-access uniqueness and exclusivity checks.
struct LocalCounter {
    struct Slot {
        var key: UInt64 = 0
        var count: Int32 = 0
        var stamp: UInt32 = 0
    }

    private var slots: [Slot] = []
    private var generation: UInt32 = 0
    /// Per word of the document: its dense number; per dense number: a count and a stamp.
    private var dense: [Int32] = []
    private var counts: [Int32] = []
    private var stamps: [UInt32] = []

    /// Makes room for `n` distinct ids.
    mutating func reset(for n: Int) {
        var size = 64
        while size < 2 * n { size <<= 1 }
        if size > slots.count {
            slots = [Slot](repeating: Slot(), count: size)
            generation = 0
        }
        if dense.count < n {
            dense = [Int32](repeating: 0, count: size)
            counts = [Int32](repeating: 0, count: size)
            stamps = [UInt32](repeating: 0, count: size)
        }
    }

    /// Runs `body` on the slots and on the dense-number, count and stamp buffers (each at least
    /// as long as the `n` of the last ``reset(for:)``).
    mutating func withDense<R>(
        _ body: (
            Table, UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>,
            UnsafeMutableBufferPointer<UInt32>
        ) -> R
    ) -> R {
        var dense: [Int32] = []
        var counts: [Int32] = []
        var stamps: [UInt32] = []
        swap(&dense, &self.dense)
        swap(&counts, &self.counts)
        swap(&stamps, &self.stamps)
        defer {
            swap(&dense, &self.dense)
            swap(&counts, &self.counts)
            swap(&stamps, &self.stamps)
        }
        return withTable { table in
            dense.withUnsafeMutableBufferPointer { d in
                counts.withUnsafeMutableBufferPointer { c in
                    stamps.withUnsafeMutableBufferPointer { s in body(table, d, c, s) }
                }
            }
        }
    }

    /// Runs `body` on the slots; the generation carries over to the next call.
    mutating func withTable<R>(_ body: (inout Table) -> R) -> R {
        let g = generation
        return slots.withUnsafeMutableBufferPointer { buffer in
            var table = Table(slots: buffer, mask: buffer.count - 1, generation: g)
            table.clear()
            let r = body(&table)
            generation = table.generation
            return r
        }
    }

    /// The slots of one pass.
    struct Table {
        let slots: UnsafeMutableBufferPointer<Slot>
        let mask: Int
        var generation: UInt32

        /// Forgets every count (O(1), except once every 2³² clears).
        mutating func clear() {
            generation &+= 1
            if generation == 0 {
                for i in slots.indices { slots[i].stamp = 0 }
                generation = 1
            }
        }

        /// Adds one to `id`'s count; returns the new count.
        @inline(__always) func increment(_ id: UInt64) -> Int32 {
            var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                if slots[i].stamp != generation {
                    slots[i] = Slot(key: id, count: 1, stamp: generation)
                    return 1
                }
                if slots[i].key == id {
                    slots[i].count &+= 1
                    return slots[i].count
                }
                i = (i &+ 1) & mask
            }
        }

        /// The dense number of `id`: its number if seen since the last clear, else `next` (which
        /// then advances).
        @inline(__always) func index(_ id: UInt64, next: inout Int32) -> Int32 {
            var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let slot = slots[i]
                let fresh = slot.stamp != generation
                if fresh || slot.key == id {
                    // Branch-free on whether the word is new: the slot is written either way.
                    let d = fresh ? next : slot.count
                    slots[i] = Slot(key: id, count: d, stamp: generation)
                    next &+= fresh ? 1 : 0
                    return d
                }
                i = (i &+ 1) & mask
            }
        }

        /// Takes one from `id`'s count (which must be positive); returns the new count.
        @inline(__always) func decrement(_ id: UInt64) -> Int32 {
            var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while slots[i].stamp == generation {
                if slots[i].key == id {
                    slots[i].count &-= 1
                    return slots[i].count
                }
                i = (i &+ 1) & mask
            }
            return 0
        }
    }
}
