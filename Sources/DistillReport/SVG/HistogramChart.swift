/// A vertical histogram of counts in consecutive buckets (for example per-document containment).
public struct HistogramChart: Sendable {
    public struct Bucket: Sendable {
        public var lower: Double
        public var upper: Double
        public var count: Int

        public init(lower: Double, upper: Double, count: Int) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    public var title: String
    public var axisLabel: String
    public var buckets: [Bucket]

    public init(title: String, axisLabel: String, buckets: [Bucket]) {
        self.title = title
        self.axisLabel = axisLabel
        self.buckets = buckets
    }

    /// The chart as an `<svg>` element. Bar heights use a square-root scale so that a few
    /// documents with high containment stay visible beside a tall bar at zero; ticks show counts.
    public func render() -> String {
        let left = 56.0
        let top = 12.0
        let plotWidth = 460.0
        let plotHeight = 170.0
        var canvas = SVGCanvas(width: left + plotWidth + 20, height: top + plotHeight + 48)
        let bottom = top + plotHeight
        let maxCount = Double(buckets.map(\.count).max() ?? 0)
        let ticks = ChartNumber.ticks(upTo: max(maxCount, 1), count: 4)
        let axisMax = (ticks.last ?? 1).squareRoot()
        let yOf = { (c: Double) -> Double in bottom - plotHeight * c.squareRoot() / axisMax }
        for t in ticks {
            canvas.line(x1: left, y1: yOf(t), x2: left + plotWidth, y2: yOf(t), cssClass: "grid")
            canvas.text(ChartNumber.label(t), x: left - 6, y: yOf(t) + 4, anchor: "end", cssClass: "tick")
        }
        let lo = buckets.first?.lower ?? 0
        let hi = buckets.last?.upper ?? 1
        let xOf = { (v: Double) -> Double in left + plotWidth * (v - lo) / max(hi - lo, 1e-12) }
        for b in buckets {
            let x = xOf(b.lower)
            let w = xOf(b.upper) - x
            canvas.rect(
                x: x + 1, y: yOf(Double(b.count)), width: w - 2, height: bottom - yOf(Double(b.count)), cssClass: "bar")
        }
        let labelEvery = max(1, buckets.count / 5)
        for (i, b) in buckets.enumerated() where i % labelEvery == 0 {
            canvas.text(ChartNumber.label(b.lower), x: xOf(b.lower), y: bottom + 14, anchor: "middle", cssClass: "tick")
        }
        canvas.text(ChartNumber.label(hi), x: xOf(hi), y: bottom + 14, anchor: "middle", cssClass: "tick")
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, cssClass: "axis")
        canvas.line(x1: left, y1: bottom, x2: left + plotWidth, y2: bottom, cssClass: "axis")
        canvas.text(axisLabel, x: left + plotWidth / 2, y: bottom + 34, anchor: "middle", cssClass: "axis-label")
        canvas.text(
            "documents (√ scale)", x: 14, y: top + plotHeight / 2, anchor: "middle", cssClass: "axis-label",
            rotate: true)
        return canvas.render(title: title)
    }
}
