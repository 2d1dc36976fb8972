extension Distribution {
    /// Counts of `values` in `buckets` equal buckets over [0, 1] (bucket *i* holds [i/b, (i+1)/b), the
    /// last one is closed; values outside [0, 1] are clamped, NaN is left out).
    /// - Complexity: O(*n*).
    public static func unitIntervalHistogram(_ values: [Double], buckets: Int = 20) -> [Int] {
        precondition(buckets > 0, "a histogram needs at least one bucket")
        var counts = [Int](repeating: 0, count: buckets)
        for v in values where !v.isNaN {
            let i = Int((Swift.min(Swift.max(v, 0), 1) * Double(buckets)).rounded(.down))
            counts[Swift.min(i, buckets - 1)] += 1
        }
        return counts
    }
}
