/// Sorting of hash values: keys spread uniformly over UInt64 (splitmix64 outputs, or such values
/// with a small index in the low bits), which a bucket pass on the top bits followed by insertion
/// sort within buckets orders in expected linear time.
public enum HashSort {
    /// Sorts `values` ascending. Keys need not be uniform for correctness, only for speed: a bucket
    /// that ends up large is sorted by the standard library.
    /// - Complexity: O(*n*) expected for uniform keys.
    public static func sort(_ values: inout [UInt64]) {
        let n = values.count
        if n < 64 {
            insertionSort(&values, 0, n)
            return
        }
        var bits = 1
        while (1 << bits) < n && bits < 22 { bits += 1 }
        let shift = UInt64(64 - bits)
        let bucketCount = 1 << bits
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        var sorted = [UInt64](repeating: 0, count: n)
        values.withUnsafeBufferPointer { src in
            starts.withUnsafeMutableBufferPointer { st in
                for x in src { st[Int(x >> shift) + 1] += 1 }
                for b in 0..<bucketCount { st[b + 1] += st[b] }
                sorted.withUnsafeMutableBufferPointer { dst in
                    var next = Array(st[0..<bucketCount])
                    next.withUnsafeMutableBufferPointer { nx in
                        for x in src {
                            let b = Int(x >> shift)
                            dst[nx[b]] = x
                            nx[b] += 1
                        }
                    }
                }
            }
        }
        for b in 0..<bucketCount {
            let lo = starts[b]
            let hi = starts[b + 1]
            if hi - lo < 2 { continue }
            if hi - lo <= 32 {
                insertionSort(&sorted, lo, hi)
            } else {
                sorted[lo..<hi].sort()
            }
        }
        values = sorted
    }

    /// Sorts and removes duplicates.
    public static func sortUnique(_ values: inout [UInt64]) {
        sort(&values)
        var out = 0
        for i in 0..<values.count where i == 0 || values[i] != values[out - 1] {
            values[out] = values[i]
            out += 1
        }
        values.removeSubrange(out...)
    }

    @inline(__always)
    static func insertionSort(_ a: inout [UInt64], _ lo: Int, _ hi: Int) {
        a.withUnsafeMutableBufferPointer { p in
            var i = lo + 1
            while i < hi {
                let x = p[i]
                var j = i - 1
                while j >= lo && p[j] > x {
                    p[j + 1] = p[j]
                    j -= 1
                }
                p[j + 1] = x
                i += 1
            }
        }
    }
}
