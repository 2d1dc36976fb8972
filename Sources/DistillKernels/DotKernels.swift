/// Single-precision dot products with a fixed summation order.
///
/// The order of the additions depends only on the length of the vectors, never on alignment,
/// threads or batch size, so a score is bit-identical however the work is split. The products and
/// sums are separate IEEE 754 operations (no fused multiply-add), which keeps the AVX2 and the
/// portable builds in agreement too.
///
/// The order, for length *n*: four `SIMD8<Float>` accumulators `a0...a3` take the products of each
/// 32-element block (elements `32i + 8j ..< 32i + 8j + 8` go to `aj`); each further 8-element block
/// goes to `a0`; then `s = (a0 + a1) + (a2 + a3)`, `t = s.lowHalf + s.highHalf`,
/// `u = t.lowHalf + t.highHalf`, `r = u[0] + u[1]`; the last `n % 8` products are added to `r` one by
/// one, in order.
public enum DotKernels {
    /// The dot product of `a` and `b`, summed in the fixed order described on ``DotKernels``.
    ///
    /// - Parameters:
    ///   - a: the first vector.
    ///   - b: the second vector, of the same length.
    /// - Returns: the sum of `a[i] * b[i]`.
    /// - Complexity: O(*n*) in the length.
    public static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        precondition(a.count == b.count, "vectors differ in length")
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        return dot(pa, pb, count: a.count)
    }

    /// The dot product of `query` with every row of the row-major matrix `rows`.
    ///
    /// Each score equals `dot(query, row)` bit for bit.
    ///
    /// - Parameters:
    ///   - query: a vector of length *d* (at least 1).
    ///   - rows: `scores.count` rows of length *d*, stored one after the other.
    ///   - scores: receives one dot product per row.
    /// - Complexity: O(*rows* × *d*).
    public static func dots(
        query: UnsafeBufferPointer<Float>, rows: UnsafeBufferPointer<Float>,
        into scores: UnsafeMutableBufferPointer<Float>
    ) {
        let d = query.count
        precondition(d > 0, "empty query")
        precondition(rows.count == d * scores.count, "matrix size does not match")
        guard let q = query.baseAddress, let m = rows.baseAddress, let out = scores.baseAddress else { return }
        for r in 0..<scores.count {
            out[r] = dot(q, m + r &* d, count: d)
        }
    }

    @inline(__always)
    private static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var a0 = SIMD8<Float>()
        var a1 = SIMD8<Float>()
        var a2 = SIMD8<Float>()
        var a3 = SIMD8<Float>()
        var i = 0
        while i &+ 32 <= n {
            let o = i &* 4
            a0 +=
                ra.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            a1 +=
                ra.loadUnaligned(fromByteOffset: o &+ 32, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: o &+ 32, as: SIMD8<Float>.self)
            a2 +=
                ra.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD8<Float>.self)
            a3 +=
                ra.loadUnaligned(fromByteOffset: o &+ 96, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: o &+ 96, as: SIMD8<Float>.self)
            i &+= 32
        }
        while i &+ 8 <= n {
            let o = i &* 4
            a0 +=
                ra.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            i &+= 8
        }
        let s = (a0 + a1) + (a2 + a3)
        let t = s.lowHalf + s.highHalf
        let u = t.lowHalf + t.highHalf
        var r = u[0] + u[1]
        while i < n {
            r += a[i] * b[i]
            i &+= 1
        }
        return r
    }
}
