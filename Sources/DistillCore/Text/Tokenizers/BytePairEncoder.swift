/// Byte-level byte-pair encoding (Sennrich et al. 2016; GPT-2's byte-level variant, Radford et al.
/// 2019): a piece starts as one token per byte, and the adjacent pair with the lowest merge rank is
/// merged, leftmost first, until no pair can merge. This is the rule of both tiktoken (rank = the
/// merged token's rank) and Hugging Face `BPE` (rank = the merge's line in `merges`).
struct BytePairEncoder: Sendable {
    /// The token of each single byte (−1 if absent).
    let byteTokens: [Int32]
    /// `(left << 32 | right) → (rank << 32 | merged token)`.
    let merges: UInt64Map
    /// Every token's bytes, for decoding and whole-piece lookups.
    let vocabulary: TokenVocabulary
    /// Look the whole piece up first (tiktoken; Hugging Face `ignore_merges`).
    let wholePieceFirst: Bool

    /// Appends the tokens of one piece.
    /// - Complexity: O(*m*²) for a piece of *m* bytes (pieces are short).
    func encode(
        _ piece: UnsafeBufferPointer<UInt8>, into out: inout [Int32], scratch: inout [Int32], ranks: inout [UInt32]
    ) {
        if piece.count == 1 {
            out.append(byteTokens[Int(piece[0])])
            return
        }
        if wholePieceFirst, let id = vocabulary.id(of: piece) {
            out.append(id)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for b in piece { scratch.append(byteTokens[Int(b)]) }
        ranks.removeAll(keepingCapacity: true)
        for i in 0..<(scratch.count - 1) { ranks.append(rank(scratch[i], scratch[i + 1])) }
        while scratch.count > 1 {
            var best = UInt32.max
            var at = -1
            for i in 0..<ranks.count where ranks[i] < best {
                best = ranks[i]
                at = i
            }
            if at < 0 { break }
            let merged = Int32(
                truncatingIfNeeded: merges.value(for: pairKey(scratch[at], scratch[at + 1]))! & 0xFFFF_FFFF)
            scratch[at] = merged
            scratch.remove(at: at + 1)
            ranks.remove(at: at)
            if at < ranks.count { ranks[at] = rank(merged, scratch[at + 1]) }
            if at > 0 { ranks[at - 1] = rank(scratch[at - 1], merged) }
        }
        out.append(contentsOf: scratch)
    }

    @inline(__always)
    func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    @inline(__always)
    func rank(_ a: Int32, _ b: Int32) -> UInt32 {
        guard let m = merges.value(for: pairKey(a, b)) else { return .max }
        return UInt32(truncatingIfNeeded: m >> 32)
    }
}
