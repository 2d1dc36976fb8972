/// A horizontal bar chart: one labelled bar per row, an optional interval whisker and an optional
/// marker (for example the null's upper point) on each bar. Used for stylometric distances and
/// attribution shares.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var interval: ClosedRange<Double>?
        public var marker: Double?

        public init(label: String, value: Double, interval: ClosedRange<Double>? = nil, marker: Double? = nil) {
            self.label = label
            self.value = value
            self.interval = interval
            self.marker = marker
        }
    }

    public var title: String
    public var axisLabel: String
    public var bars: [Bar]
    /// The axis maximum; by default the largest value, interval end or marker.
    public var maximum: Double?
    /// How values print beside the bars.
    public var format: @Sendable (Double) -> String

    public init(
        title: String, axisLabel: String, bars: [Bar], maximum: Double? = nil,
        format: @escaping @Sendable (Double) -> String = { ChartNumber.label($0) }
    ) {
        self.title = title
        self.axisLabel = axisLabel
        self.bars = bars
        self.maximum = maximum
        self.format = format
    }

    /// The chart as an `<svg>` element.
    public func render() -> String {
        let labelWidth = 190.0
        let plotWidth = 380.0
        let row = 24.0
        let top = 10.0
        let height = top + row * Double(max(bars.count, 1)) + 44
        var canvas = SVGCanvas(width: labelWidth + plotWidth + 70, height: height)
        let dataMax = bars.map { max($0.value, $0.interval?.upperBound ?? 0, $0.marker ?? 0) }.max() ?? 0
        let ticks = ChartNumber.ticks(upTo: maximum ?? max(dataMax, 1e-12))
        let axisMax = ticks.last ?? 1
        let scale = { (v: Double) -> Double in labelWidth + plotWidth * min(max(v, 0), axisMax) / axisMax }
        let bottom = top + row * Double(max(bars.count, 1))
        for t in ticks {
            canvas.line(x1: scale(t), y1: top, x2: scale(t), y2: bottom, cssClass: "grid")
            canvas.text(ChartNumber.label(t), x: scale(t), y: bottom + 14, anchor: "middle", cssClass: "tick")
        }
        for (i, bar) in bars.enumerated() {
            let y = top + row * Double(i)
            canvas.text(ChartText.truncate(bar.label, to: 30), x: labelWidth - 6, y: y + 16, anchor: "end")
            canvas.rect(
                x: labelWidth, y: y + 5, width: scale(bar.value) - labelWidth, height: row - 10, cssClass: "bar")
            if let interval = bar.interval {
                let mid = y + row / 2
                canvas.line(
                    x1: scale(interval.lowerBound), y1: mid, x2: scale(interval.upperBound), y2: mid,
                    cssClass: "whisker")
                canvas.line(
                    x1: scale(interval.lowerBound), y1: mid - 5, x2: scale(interval.lowerBound), y2: mid + 5,
                    cssClass: "whisker")
                canvas.line(
                    x1: scale(interval.upperBound), y1: mid - 5, x2: scale(interval.upperBound), y2: mid + 5,
                    cssClass: "whisker")
            }
            if let marker = bar.marker {
                canvas.line(x1: scale(marker), y1: y + 2, x2: scale(marker), y2: y + row - 2, cssClass: "marker")
            }
            let end = max(scale(bar.value), scale(bar.interval?.upperBound ?? 0))
            canvas.text(format(bar.value), x: end + 5, y: y + 16, cssClass: "value")
        }
        canvas.line(x1: labelWidth, y1: top, x2: labelWidth, y2: bottom, cssClass: "axis")
        canvas.line(x1: labelWidth, y1: bottom, x2: labelWidth + plotWidth, y2: bottom, cssClass: "axis")
        canvas.text(axisLabel, x: labelWidth + plotWidth / 2, y: bottom + 34, anchor: "middle", cssClass: "axis-label")
        return canvas.render(title: title)
    }
}

/// Text helpers shared by the charts.
enum ChartText {
    /// At most `limit` characters, an ellipsis marking a cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
