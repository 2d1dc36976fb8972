/// Summary of a sample of values: count, mean, median, 90th percentile and maximum.
///
/// Percentiles use the nearest-rank definition on the sorted sample (rank ⌈p·n⌉), so they are
/// always sample values and reproducible bit for bit.
public struct Distribution: Sendable, Hashable, Codable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var p90: Double
    public var max: Double

    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = 0
            median = 0
            p90 = 0
            max = 0
            return
        }
        let sorted = values.sorted()
        // Kahan-free but order-fixed summation: the values are summed in sorted order.
        var sum = 0.0
        for v in sorted { sum += v }
        mean = sum / Double(sorted.count)
        median = Self.nearestRank(sorted, 0.5)
        p90 = Self.nearestRank(sorted, 0.9)
        max = sorted[sorted.count - 1]
    }

    static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
