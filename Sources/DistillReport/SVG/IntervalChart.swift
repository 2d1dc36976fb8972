import Foundation

/// Rates with confidence intervals on a [0, maximum] axis: a dot per row and a line for the
/// interval. Used for identity-claim rates with Wilson intervals.
public struct IntervalChart: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var value: Double
        public var lower: Double
        public var upper: Double

        public init(label: String, value: Double, lower: Double, upper: Double) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    public var title: String
    public var axisLabel: String
    public var rows: [Row]

    public init(title: String, axisLabel: String, rows: [Row]) {
        self.title = title
        self.axisLabel = axisLabel
        self.rows = rows
    }

    /// The chart as an `<svg>` element; the axis ends at the largest upper bound, rounded up.
    public func render() -> String {
        let labelWidth = 190.0
        let plotWidth = 380.0
        let row = 24.0
        let top = 10.0
        let bottom = top + row * Double(max(rows.count, 1))
        var canvas = SVGCanvas(width: labelWidth + plotWidth + 170, height: bottom + 44)
        let ticks = ChartNumber.ticks(upTo: max(rows.map(\.upper).max() ?? 0, 1e-6))
        let axisMax = ticks.last ?? 1
        let xOf = { (v: Double) -> Double in labelWidth + plotWidth * min(max(v, 0), axisMax) / axisMax }
        // Enough decimals that every tick label differs (a step of 0.5% needs one).
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, Int((-log10(step * 100)).rounded(.up)))
        for t in ticks {
            canvas.line(x1: xOf(t), y1: top, x2: xOf(t), y2: bottom, cssClass: "grid")
            canvas.text(
                ChartNumber.percent(t, decimals: decimals), x: xOf(t), y: bottom + 14, anchor: "middle",
                cssClass: "tick")
        }
        for (i, r) in rows.enumerated() {
            let mid = top + row * Double(i) + row / 2
            canvas.text(ChartText.truncate(r.label, to: 30), x: labelWidth - 6, y: mid + 4, anchor: "end")
            canvas.line(x1: xOf(r.lower), y1: mid, x2: xOf(r.upper), y2: mid, cssClass: "whisker")
            canvas.line(x1: xOf(r.lower), y1: mid - 5, x2: xOf(r.lower), y2: mid + 5, cssClass: "whisker")
            canvas.line(x1: xOf(r.upper), y1: mid - 5, x2: xOf(r.upper), y2: mid + 5, cssClass: "whisker")
            canvas.circle(x: xOf(r.value), y: mid, radius: 4, cssClass: "dot")
            canvas.text(
                "\(ChartNumber.percent(r.value, decimals: 2)) [\(ChartNumber.percent(r.lower, decimals: 2)), \(ChartNumber.percent(r.upper, decimals: 2))]",
                x: xOf(r.upper) + 8, y: mid + 4, cssClass: "value")
        }
        canvas.line(x1: labelWidth, y1: top, x2: labelWidth, y2: bottom, cssClass: "axis")
        canvas.line(x1: labelWidth, y1: bottom, x2: labelWidth + plotWidth, y2: bottom, cssClass: "axis")
        canvas.text(axisLabel, x: labelWidth + plotWidth / 2, y: bottom + 34, anchor: "middle", cssClass: "axis-label")
        return canvas.render(title: title)
    }
}
