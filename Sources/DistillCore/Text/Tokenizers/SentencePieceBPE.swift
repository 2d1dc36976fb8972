/// SentencePiece-style BPE as Hugging Face `tokenizers` runs the `tokenizer.json` of Llama-2, Mistral
/// and Gemma (Kudo & Richardson 2018, "SentencePiece"; Sennrich et al. 2016): spaces become `▁`
/// (U+2581), a `▁` is prepended, and the text — or, with Metaspace `split`, each run starting at a
/// `▁` — is one word whose symbols are its Unicode scalars (a scalar that is not in the vocabulary
/// becomes the byte tokens `<0xXX>` of its UTF-8: byte fallback). Adjacent symbols are merged
/// lowest merge rank first, leftmost among equal ranks, until no pair merges: the rule of
/// `tokenizers`' `Word::merge_all`, run here with a binary heap (O(*m* log *m*) for *m* scalars, so a
/// whole document as one word is cheap).
struct SentencePieceBPE: Sendable {
    /// Where the `▁` is prepended.
    enum Prepend: Sendable {
        /// The normalizer form (`Prepend("▁")` then `Replace(" ", "▁")`): every non-empty text.
        case always
        /// The Metaspace form (`first` or `always`, the same for one ordinary text): a text that does
        /// not start with `▁` once its spaces are replaced.
        case unlessLeading
        case never
    }

    let prepend: Prepend
    /// Metaspace `split`: a new word starts at every `▁`.
    let split: Bool
    /// No piece has a `▁` after another scalar than `▁` (true of SentencePiece vocabularies, whose pieces
    /// never span white space): then no merge joins a symbol to a following one that starts a `▁` run,
    /// so the text can be encoded run by run — the same ids — and runs can be cached.
    let runsAreIndependent: Bool
    /// Token of each single-scalar piece: `scalar → id`.
    let scalars: UInt64Map
    /// The byte-fallback token of each byte (`<0xXX>`), −1 if absent.
    let byteTokens: [Int32]
    /// The unknown token, for a scalar with neither a piece nor byte tokens (−1: none).
    let unknown: Int32
    /// `(left << 32 | right) → (rank << 32 | merged token)`.
    let merges: UInt64Map

    static let replacement: UInt32 = 0x2581

    /// Appends the token ids of `text` (already normalised as the file's other normalisers ask).
    /// - Complexity: O(*m* log *m*) for *m* scalars.
    func encode(_ text: String, into out: inout [Int32], work: inout Work) {
        var scalars: [UInt32] = []
        swap(&scalars, &work.scalars)
        defer { swap(&scalars, &work.scalars) }
        scalars.removeAll(keepingCapacity: true)
        for s in text.unicodeScalars { scalars.append(s.value == 0x20 ? Self.replacement : s.value) }
        switch prepend {
        case .always where !scalars.isEmpty, .unlessLeading where !scalars.isEmpty && scalars[0] != Self.replacement:
            scalars.insert(Self.replacement, at: 0)
        default: break
        }
        var start = 0
        while start < scalars.count {
            var end = start + 1
            if split {
                while end < scalars.count && scalars[end] != Self.replacement { end += 1 }
            } else if runsAreIndependent {
                while end < scalars.count && !(scalars[end] == Self.replacement && scalars[end - 1] != Self.replacement)
                {
                    end += 1
                }
            } else {
                end = scalars.count
            }
            let word = scalars[start..<end]
            if split || runsAreIndependent {
                let key = Array(word)
                if let ids = work.cache[key] {
                    out.append(contentsOf: ids)
                } else {
                    let before = out.count
                    encodeWord(word, into: &out, work: &work)
                    if work.cache.count >= Work.cacheLimit { work.cache.removeAll(keepingCapacity: true) }
                    work.cache[key] = Array(out[before...])
                }
            } else {
                encodeWord(word, into: &out, work: &work)
            }
            start = end
        }
    }

    /// Scratch buffers of one encoding thread.
    struct Work {
        var scalars: [UInt32] = []
        var ids: [Int32] = []
        var prev: [Int32] = []
        var next: [Int32] = []
        /// Min-heap of `rank << 32 | position`, with the merged token of each entry beside it.
        var heap: [(key: UInt64, merged: Int32)] = []
        var utf8: [UInt8] = []
        /// Runs already encoded (in memory only; emptied when full).
        var cache: [[UInt32]: [Int32]] = [:]
        static let cacheLimit = 1 << 16
    }

    /// The symbols of one word, merged.
    func encodeWord(_ word: ArraySlice<UInt32>, into out: inout [Int32], work: inout Work) {
        work.ids.removeAll(keepingCapacity: true)
        for s in word {
            if let id = scalars.value(for: UInt64(s)) {
                work.ids.append(Int32(truncatingIfNeeded: id))
                continue
            }
            work.utf8.removeAll(keepingCapacity: true)
            if let scalar = Unicode.Scalar(s) { work.utf8.append(contentsOf: String(Character(scalar)).utf8) }
            if !work.utf8.isEmpty && work.utf8.allSatisfy({ byteTokens[Int($0)] >= 0 }) {
                for b in work.utf8 { work.ids.append(byteTokens[Int(b)]) }
            } else if unknown >= 0 && work.ids.last != unknown {
                work.ids.append(unknown)  // fuse_unk: a run of unknown scalars is one token
            }
        }
        let n = work.ids.count
        guard n > 1 else {
            out.append(contentsOf: work.ids)
            return
        }
        work.prev.removeAll(keepingCapacity: true)
        work.next.removeAll(keepingCapacity: true)
        for i in 0..<n {
            work.prev.append(Int32(i - 1))
            work.next.append(i + 1 < n ? Int32(i + 1) : -1)
        }
        work.heap.removeAll(keepingCapacity: true)
        for i in 0..<(n - 1) { push(at: i, &work) }
        while let top = pop(&work.heap) {
            let at = Int(truncatingIfNeeded: top.key & 0xFFFF_FFFF)
            let right = Int(work.next[at])
            // A removed symbol has next = -2; the last symbol has no pair; a stale entry's pair now
            // merges into another token.
            guard right >= 0, let m = merges.value(for: pairKey(work.ids[at], work.ids[right])),
                Int32(truncatingIfNeeded: m & 0xFFFF_FFFF) == top.merged
            else { continue }
            work.ids[at] = top.merged
            let after = work.next[right]
            work.next[at] = after
            work.next[right] = -2
            if after >= 0 { work.prev[Int(after)] = Int32(at) }
            if work.prev[at] >= 0 { push(at: Int(work.prev[at]), &work) }
            if after >= 0 { push(at: at, &work) }
        }
        var i: Int32 = 0
        while i >= 0 {
            out.append(work.ids[Int(i)])
            i = work.next[Int(i)]
        }
    }

    @inline(__always)
    func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// Queues the pair starting at symbol `at`, if it merges.
    func push(at: Int, _ work: inout Work) {
        let right = Int(work.next[at])
        guard right >= 0, let m = merges.value(for: pairKey(work.ids[at], work.ids[right])) else { return }
        let entry = (key: (m >> 32) << 32 | UInt64(at), merged: Int32(truncatingIfNeeded: m & 0xFFFF_FFFF))
        work.heap.append(entry)
        var child = work.heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if work.heap[parent].key <= work.heap[child].key { break }
            work.heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the entry with the smallest key (lowest rank, then leftmost).
    func pop(_ heap: inout [(key: UInt64, merged: Int32)]) -> (key: UInt64, merged: Int32)? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            if left >= heap.count { break }
            let right = left + 1
            let child = right < heap.count && heap[right].key < heap[left].key ? right : left
            if heap[parent].key <= heap[child].key { break }
            heap.swapAt(parent, child)
            parent = child
        }
        return top
    }
}
