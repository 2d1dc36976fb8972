/// Bit-level hot loops: Hamming distances between 64-bit codes and the per-bit tallies behind SimHash.
///
/// Every function is non-generic over raw buffers so that the x86-64-v3 build of this module keeps
/// the AVX2 code (a vector popcount through `vpshufb`/`vpsadbw`, variable shifts through `vpsrlvq`).
/// Results never depend on the vector width: each output is a pure function of its inputs.
public enum BitKernels {
    /// The Hamming distance `popcount(codes[i] ^ query)` of every code from `query`.
    ///
    /// - Parameters:
    ///   - query: the code to measure from.
    ///   - codes: the codes to measure.
    ///   - distances: receives one distance (0...64) per code; must hold at least `codes.count`.
    /// - Complexity: O(*n*) in the number of codes.
    public static func hammingDistances(
        from query: UInt64, to codes: UnsafeBufferPointer<UInt64>, into distances: UnsafeMutableBufferPointer<UInt8>
    ) {
        precondition(distances.count >= codes.count, "distance buffer too small")
        guard let c = codes.baseAddress, let out = distances.baseAddress else { return }
        // A plain loop: LLVM vectorises `ctpop` with AVX2 better than hand-written lanes.
        for i in 0..<codes.count {
            out[i] = UInt8(truncatingIfNeeded: (c[i] ^ query).nonzeroBitCount)
        }
    }

    /// The codes whose Hamming distance from `query` is below `bound`, in increasing position order.
    ///
    /// Sixteen codes are tested at a time with a vector popcount and one compare; a group with no
    /// candidate (the common case once a top-k bound is tight) costs no branch mispredictions and
    /// writes nothing. Groups with a candidate are rescanned one code at a time.
    ///
    /// - Parameters:
    ///   - query: the code to measure from.
    ///   - codes: the codes to scan; at most `UInt32.max` of them.
    ///   - bound: exclusive upper bound on the distance; 0 selects nothing, 65 or more selects all.
    ///   - positions: receives the position in `codes` of each candidate; must hold `codes.count`.
    ///   - distances: receives the distance of each candidate; must hold `codes.count`.
    /// - Returns: the number of candidates written.
    /// - Complexity: O(*n*) in the number of codes.
    public static func hammingCandidates(
        from query: UInt64, in codes: UnsafeBufferPointer<UInt64>, below bound: Int,
        positions: UnsafeMutableBufferPointer<UInt32>, distances: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let count = codes.count
        precondition(count <= Int(UInt32.max), "too many codes for one scan")
        precondition(positions.count >= count && distances.count >= count, "candidate buffers too small")
        guard bound > 0, let base = codes.baseAddress, let pos = positions.baseAddress,
            let dist = distances.baseAddress
        else { return 0 }
        let limit = min(bound, 65)
        let raw = UnsafeRawPointer(base)
        let q = SIMD4<UInt64>(repeating: query)
        let b = SIMD4<UInt64>(repeating: UInt64(limit))
        var n = 0
        var i = 0
        while i + 16 <= count {
            let offset = i &* 8
            let p0 = (raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt64>.self) ^ q).nonzeroBitCount
            let p1 = (raw.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<UInt64>.self) ^ q).nonzeroBitCount
            let p2 = (raw.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD4<UInt64>.self) ^ q).nonzeroBitCount
            let p3 = (raw.loadUnaligned(fromByteOffset: offset &+ 96, as: SIMD4<UInt64>.self) ^ q).nonzeroBitCount
            if any((p0 .< b) .| (p1 .< b) .| (p2 .< b) .| (p3 .< b)) {
                for j in i..<(i &+ 16) {
                    let d = (base[j] ^ query).nonzeroBitCount
                    if d < limit {
                        pos[n] = UInt32(truncatingIfNeeded: j)
                        dist[n] = UInt8(truncatingIfNeeded: d)
                        n &+= 1
                    }
                }
            }
            i &+= 16
        }
        while i < count {
            let d = (base[i] ^ query).nonzeroBitCount
            if d < limit {
                pos[n] = UInt32(truncatingIfNeeded: i)
                dist[n] = UInt8(truncatingIfNeeded: d)
                n &+= 1
            }
            i &+= 1
        }
        return n
    }

    /// Adds, for each bit position `b` in 0..<64, the number of `words` with bit `b` set to `counts[b]`.
    ///
    /// Byte-wide counters in one `SIMD8<UInt64>` take `(w >> lane) & 0x0101...01` per word (so lane
    /// `l`, byte `g` counts bit `8g + l`) and are flushed to `counts` every 255 words.
    ///
    /// - Parameters:
    ///   - words: the words to tally.
    ///   - counts: 64 running counts, one per bit position (bit 0 is the least significant).
    /// - Complexity: O(*n*) in the number of words.
    public static func addBitCounts(of words: UnsafeBufferPointer<UInt64>, to counts: UnsafeMutableBufferPointer<Int>) {
        precondition(counts.count >= 64, "need 64 counters")
        guard let w = words.baseAddress, let out = counts.baseAddress else { return }
        let shifts = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        let ones = SIMD8<UInt64>(repeating: 0x0101_0101_0101_0101)
        var start = 0
        while start < words.count {
            let end = min(start &+ 255, words.count)
            var acc = SIMD8<UInt64>()
            for i in start..<end {
                acc &+= (SIMD8<UInt64>(repeating: w[i]) &>> shifts) & ones
            }
            for lane in 0..<8 {
                let packed = acc[lane]
                for byte in 0..<8 {
                    out[byte &* 8 &+ lane] &+= Int(truncatingIfNeeded: (packed >> UInt64(byte &* 8)) & 0xFF)
                }
            }
            start = end
        }
    }

    /// For each word in order and each bit position `b` in 0..<64, adds `+weights[i]` to `counters[b]`
    /// when bit `b` of `words[i]` is set and `-weights[i]` when it is clear.
    ///
    /// Each counter sees exactly the scalar sequence of single-precision additions, in word order,
    /// so the sums equal the plain loop bit for bit; the vector lanes only run 64 counters at once.
    ///
    /// - Parameters:
    ///   - words: the words to tally.
    ///   - weights: one weight per word.
    ///   - counters: 64 running sums, one per bit position (bit 0 is the least significant).
    /// - Complexity: O(*n*) in the number of words.
    public static func addSignedWeights(
        of words: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Float>,
        to counters: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(weights.count == words.count, "one weight per word")
        precondition(counters.count >= 64, "need 64 counters")
        guard let w = words.baseAddress, let wt = weights.baseAddress, let out = counters.baseAddress else { return }
        // Group g of eight lanes tests bits 8g ..< 8g + 8; comparisons take vector operands only
        // (the scalar-operand overloads compile to a lane-by-lane loop).
        let m0 = SIMD8<UInt32>(1, 2, 4, 8, 16, 32, 64, 128)
        let m1 = m0 &<< SIMD8<UInt32>(repeating: 8)
        let m2 = m0 &<< SIMD8<UInt32>(repeating: 16)
        let m3 = m0 &<< SIMD8<UInt32>(repeating: 24)
        let zero = SIMD8<UInt32>()
        let raw = UnsafeMutableRawPointer(out)
        var a0 = raw.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
        var a1 = raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        var a2 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
        var a3 = raw.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
        var a4 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD8<Float>.self)
        var a5 = raw.loadUnaligned(fromByteOffset: 160, as: SIMD8<Float>.self)
        var a6 = raw.loadUnaligned(fromByteOffset: 192, as: SIMD8<Float>.self)
        var a7 = raw.loadUnaligned(fromByteOffset: 224, as: SIMD8<Float>.self)
        for i in 0..<words.count {
            let word = w[i]
            let plus = SIMD8<Float>(repeating: wt[i])
            let minus = SIMD8<Float>(repeating: -wt[i])
            let lo = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: word))
            let hi = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: word >> 32))
            a0 += minus.replacing(with: plus, where: (lo & m0) .!= zero)
            a1 += minus.replacing(with: plus, where: (lo & m1) .!= zero)
            a2 += minus.replacing(with: plus, where: (lo & m2) .!= zero)
            a3 += minus.replacing(with: plus, where: (lo & m3) .!= zero)
            a4 += minus.replacing(with: plus, where: (hi & m0) .!= zero)
            a5 += minus.replacing(with: plus, where: (hi & m1) .!= zero)
            a6 += minus.replacing(with: plus, where: (hi & m2) .!= zero)
            a7 += minus.replacing(with: plus, where: (hi & m3) .!= zero)
        }
        raw.storeBytes(of: a0, toByteOffset: 0, as: SIMD8<Float>.self)
        raw.storeBytes(of: a1, toByteOffset: 32, as: SIMD8<Float>.self)
        raw.storeBytes(of: a2, toByteOffset: 64, as: SIMD8<Float>.self)
        raw.storeBytes(of: a3, toByteOffset: 96, as: SIMD8<Float>.self)
        raw.storeBytes(of: a4, toByteOffset: 128, as: SIMD8<Float>.self)
        raw.storeBytes(of: a5, toByteOffset: 160, as: SIMD8<Float>.self)
        raw.storeBytes(of: a6, toByteOffset: 192, as: SIMD8<Float>.self)
        raw.storeBytes(of: a7, toByteOffset: 224, as: SIMD8<Float>.self)
    }
}
