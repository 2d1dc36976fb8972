/// The 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura, "Mersenne Twister: a 623-dimensionally
/// equidistributed uniform pseudo-random number generator", ACM TOMACS 1998), seeded as PyTorch's CPU
/// generator is: `torch.Generator().manual_seed(s)` keeps the low 32 bits of `s` and runs the reference
/// `init_genrand` (matched against PyTorch's `at::mt19937` in `ATen/core/MT19937RNGEngine.h`, verified
/// empirically against torch 2.15.0: see `scripts/watermark_vectors.py`).
///
/// Deployed watermarks (MarkLLM's KGW, lm-watermarking, SynthID-Text's sampling table) draw their green
/// lists and tables from this generator, so reproducing them bit for bit needs it.
public struct MT19937: Sendable {
    static let stateCount = 624
    private var state: [UInt32]
    private var index: Int

    /// A generator seeded like `torch.Generator().manual_seed(seed)`: only the low 32 bits of `seed` are
    /// used (a negative Python seed is its two's-complement bit pattern).
    /// - Complexity: O(624).
    public init(seed: UInt64) {
        var s = [UInt32](repeating: 0, count: Self.stateCount)
        s[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Self.stateCount {
            s[j] = 1_812_433_253 &* (s[j - 1] ^ (s[j - 1] >> 30)) &+ UInt32(j)
        }
        state = s
        index = Self.stateCount
    }

    /// The next 32-bit output (`CPUGeneratorImpl::random()`).
    /// - Complexity: amortised O(1).
    @inline(__always)
    public mutating func next() -> UInt32 {
        if index == Self.stateCount { twist() }
        var y = state[index]
        index &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Writes the next 624 outputs to `out` (the same values as 624 calls of ``next()``), for loops
    /// that draw many values: one twist and no per-value call.
    /// - Precondition: the generator is at a block boundary (freshly seeded, or only used through this
    ///   method).
    mutating func nextBlock(into out: UnsafeMutablePointer<UInt32>) {
        precondition(index == Self.stateCount, "nextBlock needs a block boundary")
        twist()
        state.withUnsafeBufferPointer { mt in
            let p = mt.baseAddress!
            for k in 0..<Self.stateCount {
                var y = p[k]
                y ^= y >> 11
                y ^= (y << 7) & 0x9D2C_5680
                y ^= (y << 15) & 0xEFC6_0000
                y ^= y >> 18
                out[k] = y
            }
        }
        index = Self.stateCount
    }

    /// Regenerates the 624 words of state.
    private mutating func twist() {
        let n = Self.stateCount
        state.withUnsafeMutableBufferPointer { buffer in
            let mt = buffer.baseAddress!
            for k in 0..<n {
                let y = (mt[k] & 0x8000_0000) | (mt[k + 1 == n ? 0 : k + 1] & 0x7FFF_FFFF)
                let j = k + 397 < n ? k + 397 : k + 397 - n
                mt[k] = mt[j] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
            }
        }
        index = 0
    }
}
