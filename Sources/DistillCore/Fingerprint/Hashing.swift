import DistillKernelsWide

/// Hash functions with exact, portable definitions (DESIGN.md "Exact definitions").
///
/// Nothing stored or compared across runs may use Swift's `Hasher`, which is seeded per process.
public enum StableHash {
    /// FNV-1a 64-bit offset basis (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
    public static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64-bit prime.
    public static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// SplitMix64 finaliser (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators").
    ///
    /// `z = x + 0x9E3779B97F4A7C15; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    ///  z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)`, all wrapping.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func splitmix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a 64 over bytes: the word id of a normalised word in text mode.
    /// - Complexity: O(*n*) in the number of bytes.
    @inlinable
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h = fnvOffsetBasis
        for b in bytes {
            h = (h ^ UInt64(b)) &* fnvPrime
        }
        return h
    }

    /// FNV-1a 64 over the UTF-8 bytes of a string (which should already be normalised).
    /// - Complexity: O(*n*) in the string's UTF-8 bytes.
    @inlinable
    public static func fnv1a64(_ string: String) -> UInt64 {
        fnv1a64(string.utf8)
    }

    /// Shingle hash of word ids `w1...wn`: `h = 0; for w in ids { h = splitmix64(h ^ w) }`.
    /// - Complexity: O(*n*) in the number of ids.
    @inlinable
    public static func shingle<IDs: Sequence>(_ ids: IDs) -> UInt64 where IDs.Element == UInt64 {
        var h: UInt64 = 0
        for w in ids { h = splitmix64(h ^ w) }
        return h
    }
}

/// Word n-gram shingling over a sequence of word ids.
public enum Shingler {
    /// The shingle hashes of every window of `n` consecutive ids, in order.
    ///
    /// A sequence shorter than `n` yields one shingle of the whole sequence when it is non-empty and
    /// `includeShortTail` is true, and nothing otherwise.
    /// - Complexity: O(*count* × *n*); eight windows are hashed side by side so the multiply chains
    ///   of splitmix64 overlap.
    public static func hashes(of ids: [UInt64], n: Int, includeShortTail: Bool = false) -> [UInt64] {
        var out = [UInt64]()
        ids.withUnsafeBufferPointer { appendHashes(of: $0, n: n, includeShortTail: includeShortTail, to: &out) }
        return out
    }

    /// The number of shingles `ids` of this length give.
    /// - Complexity: O(1).
    @inlinable
    public static func count(ids: Int, n: Int, includeShortTail: Bool) -> Int {
        ids >= n ? ids - n + 1 : (includeShortTail && ids > 0 ? 1 : 0)
    }

    /// Writes the shingle hashes of `ids` to `out`, which must have room for
    /// ``count(ids:n:includeShortTail:)`` values; returns how many were written.
    /// - Complexity: O(*count* × *n*) for *count* ids; eight windows are hashed side by side so the
    ///   multiply chains of splitmix64 overlap (in one vector register with AVX-512).
    public static func write(
        of ids: UnsafeBufferPointer<UInt64>, n: Int, includeShortTail: Bool = false,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        precondition(n >= 1, "n-gram width must be at least 1")
        if ids.count < n {
            if includeShortTail && !ids.isEmpty {
                out[0] = StableHash.shingle(ids)
                return 1
            }
            return 0
        }
        let windows = ids.count - n + 1
        let p = ids.baseAddress!
        // Eight windows a vector where the CPU has AVX-512 (the same hashes, about 2.6 times faster).
        var start = CPUSupport.hasAVX512 ? ShingleKernel.write(ids: p, windows: windows, n: n, into: out) : 0
        // Eight windows side by side: splitmix64 is a chain of dependent multiplies, and eight
        // independent chains keep the multiplier busy.
        while start + 8 <= windows {
            var h0: UInt64 = 0
            var h1: UInt64 = 0
            var h2: UInt64 = 0
            var h3: UInt64 = 0
            var h4: UInt64 = 0
            var h5: UInt64 = 0
            var h6: UInt64 = 0
            var h7: UInt64 = 0
            let q = p + start
            for k in 0..<n {
                h0 = StableHash.splitmix64(h0 ^ q[k])
                h1 = StableHash.splitmix64(h1 ^ q[k + 1])
                h2 = StableHash.splitmix64(h2 ^ q[k + 2])
                h3 = StableHash.splitmix64(h3 ^ q[k + 3])
                h4 = StableHash.splitmix64(h4 ^ q[k + 4])
                h5 = StableHash.splitmix64(h5 ^ q[k + 5])
                h6 = StableHash.splitmix64(h6 ^ q[k + 6])
                h7 = StableHash.splitmix64(h7 ^ q[k + 7])
            }
            out[start] = h0
            out[start + 1] = h1
            out[start + 2] = h2
            out[start + 3] = h3
            out[start + 4] = h4
            out[start + 5] = h5
            out[start + 6] = h6
            out[start + 7] = h7
            start += 8
        }
        while start < windows {
            var h: UInt64 = 0
            for k in 0..<n { h = StableHash.splitmix64(h ^ p[start + k]) }
            out[start] = h
            start += 1
        }
        return windows
    }

    /// Appends the shingle hashes of `ids` to `out`.
    /// - Complexity: O(*count* × *n*) for *count* ids, plus amortised growth of `out`.
    public static func appendHashes(
        of ids: UnsafeBufferPointer<UInt64>, n: Int, includeShortTail: Bool = false, to out: inout [UInt64]
    ) {
        let added = count(ids: ids.count, n: n, includeShortTail: includeShortTail)
        guard added > 0 else { return }
        let old = out.count
        out.append(contentsOf: repeatElement(0, count: added))
        out.withUnsafeMutableBufferPointer { p in
            _ = write(of: ids, n: n, includeShortTail: includeShortTail, into: p.baseAddress! + old)
        }
    }
}
