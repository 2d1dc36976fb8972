/// The MinHash inner loops, on concrete SIMD types so they compile to AVX2 in this module.
///
/// Permutation `i` of a folded 32-bit shingle value `v` is `(v ^ xors[i]) &* multipliers[i]`
/// (mod 2^32, `multipliers[i]` odd, so each is a bijection of UInt32); the signature keeps, per
/// permutation, the minimum over the shingles (Broder 1997, "On the resemblance and containment of
/// documents"). The constants come from ``DistillCore/MinHasher``.
public enum MinHashKernel {
    /// Lanes per SIMD block: permutation counts are multiples of this.
    public static let blockWidth = 16

    /// Lowers `signature` (count = blocks × 16) to the minimum over `values` of each permutation.
    /// - Parameters:
    ///   - values: folded 32-bit shingle values.
    ///   - xors, multipliers: per-permutation constants, `signature.count` of each.
    ///   - signature: running minima, updated in place (start from `UInt32.max`).
    /// - Complexity: O(*values* × *permutations*), 16 permutations per vector operation.
    public static func update(
        values: UnsafeBufferPointer<UInt32>,
        xors: UnsafeBufferPointer<UInt32>,
        multipliers: UnsafeBufferPointer<UInt32>,
        signature: UnsafeMutableBufferPointer<UInt32>
    ) {
        let blocks = signature.count / blockWidth
        precondition(
            blocks * blockWidth == signature.count && xors.count == signature.count
                && multipliers.count == signature.count)
        let x = UnsafeRawPointer(xors.baseAddress!)
        let m = UnsafeRawPointer(multipliers.baseAddress!)
        let s = UnsafeMutableRawPointer(signature.baseAddress!)
        if blocks == 8 {
            update8(values: values, x: x, m: m, s: s)
            return
        }
        for b in 0..<blocks {
            let offset = b * blockWidth * 4
            let xb = x.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt32>.self)
            let mb = m.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt32>.self)
            var best = s.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt32>.self)
            for v in values {
                let h = (SIMD16<UInt32>(repeating: v) ^ xb) &* mb
                best = best.replacing(with: h, where: h .< best)
            }
            s.storeBytes(of: best, toByteOffset: offset, as: SIMD16<UInt32>.self)
        }
    }

    /// The k = 128 case with all eight running minima kept in registers.
    private static func update8(
        values: UnsafeBufferPointer<UInt32>, x: UnsafeRawPointer, m: UnsafeRawPointer, s: UnsafeMutableRawPointer
    ) {
        // Two passes of four blocks: four minima, four xor and four multiplier vectors fit the
        // sixteen AVX2 registers (each SIMD16<UInt32> is two of them).
        for half in 0..<2 {
            let base = half * 4 * 64
            let x0 = x.loadUnaligned(fromByteOffset: base, as: SIMD16<UInt32>.self)
            let x1 = x.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<UInt32>.self)
            let x2 = x.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<UInt32>.self)
            let x3 = x.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<UInt32>.self)
            let m0 = m.loadUnaligned(fromByteOffset: base, as: SIMD16<UInt32>.self)
            let m1 = m.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<UInt32>.self)
            let m2 = m.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<UInt32>.self)
            let m3 = m.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<UInt32>.self)
            var s0 = s.loadUnaligned(fromByteOffset: base, as: SIMD16<UInt32>.self)
            var s1 = s.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<UInt32>.self)
            var s2 = s.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<UInt32>.self)
            var s3 = s.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<UInt32>.self)
            for v in values {
                let vv = SIMD16<UInt32>(repeating: v)
                let h0 = (vv ^ x0) &* m0
                let h1 = (vv ^ x1) &* m1
                let h2 = (vv ^ x2) &* m2
                let h3 = (vv ^ x3) &* m3
                s0 = s0.replacing(with: h0, where: h0 .< s0)
                s1 = s1.replacing(with: h1, where: h1 .< s1)
                s2 = s2.replacing(with: h2, where: h2 .< s2)
                s3 = s3.replacing(with: h3, where: h3 .< s3)
            }
            s.storeBytes(of: s0, toByteOffset: base, as: SIMD16<UInt32>.self)
            s.storeBytes(of: s1, toByteOffset: base + 64, as: SIMD16<UInt32>.self)
            s.storeBytes(of: s2, toByteOffset: base + 128, as: SIMD16<UInt32>.self)
            s.storeBytes(of: s3, toByteOffset: base + 192, as: SIMD16<UInt32>.self)
        }
    }

    /// The number of positions where `a` and `b` hold the same value (the MinHash Jaccard estimate's
    /// numerator).
    /// - Complexity: O(*n*), sixteen lanes per step.
    public static func equalCount(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
        precondition(a.count == b.count)
        let n = a.count
        let pa = UnsafeRawPointer(a.baseAddress!)
        let pb = UnsafeRawPointer(b.baseAddress!)
        var acc = SIMD16<UInt32>(repeating: 0)
        let one = SIMD16<UInt32>(repeating: 1)
        let zero = SIMD16<UInt32>(repeating: 0)
        var i = 0
        while i + 16 <= n {
            let va = pa.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<UInt32>.self)
            let vb = pb.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<UInt32>.self)
            acc &+= zero.replacing(with: one, where: va .== vb)
            i += 16
        }
        var count = Int(acc.wrappedSum())
        while i < n {
            if a[i] == b[i] { count += 1 }
            i += 1
        }
        return count
    }
}
