/// Summary of a sample of values (the report's copy of the engine's `Distribution`): count, mean,
/// nearest-rank median and 90th percentile, maximum.
public struct ValueSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var p90: Double
    public var max: Double

    public init(count: Int, mean: Double, median: Double, p90: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.median = median
        self.p90 = p90
        self.max = max
    }
}

/// Counts of values in consecutive half-open buckets `[lower, upper)`; the last bucket is closed.
public struct ReportHistogram: Sendable, Codable, Equatable {
    public struct Bucket: Sendable, Codable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int

        public init(lower: Double, upper: Double, count: Int) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    public var buckets: [Bucket]

    public init(buckets: [Bucket]) { self.buckets = buckets }

    /// Equal buckets over [0, 1] from their counts (bucket *i* of *b* is [i/b, (i+1)/b)).
    public init(unitIntervalCounts counts: [Int]) {
        buckets = counts.enumerated().map {
            Bucket(
                lower: Double($0.offset) / Double(counts.count), upper: Double($0.offset + 1) / Double(counts.count),
                count: $0.element)
        }
    }

    public var total: Int { buckets.reduce(0) { $0 + $1.count } }
}

/// A list cut to its most telling items: `items` are shown, `total` counts all that existed.
public struct CappedList<Element: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var total: Int
    public var items: [Element]
    /// How `items` were chosen (for example "top 20 by tokens, then a seeded sample of 10").
    public var selection: String

    public init(total: Int, items: [Element], selection: String) {
        self.total = total
        self.items = items
        self.selection = selection
    }

    /// Items that exist but are not shown.
    public var omitted: Int { Swift.max(0, total - items.count) }
}
