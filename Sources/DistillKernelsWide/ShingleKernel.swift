/// The shingle hash kernel built for AVX-512 (x86-64-v4): eight windows in one vector register,
/// each step one unaligned load of the next eight ids (window `s + i` takes id `s + i + k` at
/// step `k`) and splitmix64 with 64-bit vector multiplies (AVX-512DQ `vpmullq`).
///
/// Nothing here may run unless ``built`` is true and the CPU has AVX-512 F, BW, CD, DQ and VL
/// (``DistillCore/CPUSupport/hasAVX512``): this module is compiled for them, the rest of the engine
/// is not, so the caller chooses at run time.
public enum ShingleKernel {
    /// True when this module was compiled for x86-64-v4.
    #if DISTILL_AVX512
        public static let built = true
    #else
        public static let built = false
    #endif

    /// splitmix64 (``DistillCore/StableHash/splitmix64(_:)``) of eight values at once.
    @inline(__always)
    static func splitmix64(_ x: SIMD8<UInt64>) -> SIMD8<UInt64> {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// Writes the shingle hashes (`h = 0; for w in window { h = splitmix64(h ^ w) }`) of the first
    /// `8 × (windows / 8)` windows of width `n` over `ids` (which holds at least `windows + n − 1`
    /// ids) to `out`; returns how many were written (the caller hashes the rest).
    /// - Complexity: O(*windows* × *n*), eight windows a vector.
    public static func write(
        ids: UnsafePointer<UInt64>, windows: Int, n: Int, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let raw = UnsafeRawPointer(ids)
        let target = UnsafeMutableRawPointer(out)
        var start = 0
        while start + 8 <= windows {
            var h = SIMD8<UInt64>(repeating: 0)
            for k in 0..<n {
                h = splitmix64(h ^ raw.loadUnaligned(fromByteOffset: (start + k) * 8, as: SIMD8<UInt64>.self))
            }
            target.storeBytes(of: h, toByteOffset: start * 8, as: SIMD8<UInt64>.self)
            start += 8
        }
        return start
    }
}
