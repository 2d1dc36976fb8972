import Foundation

/// log10 p against tokens scored, tokens on a log axis: the radioactivity curve. A horizontal line
/// marks the significance level; points are joined in token order.
public struct LogScatterChart: Sendable {
    public var title: String
    /// Points as (tokens scored > 0, log10 p ≤ 0).
    public var points: [(tokens: Double, log10P: Double)]
    /// log10 of the significance level drawn as a line (for example -2 for 0.01).
    public var thresholdLog10P: Double?
    /// At most this many points are drawn (evenly spaced in index, always the first and last).
    public var maximumPoints: Int

    public init(
        title: String, points: [(tokens: Double, log10P: Double)], thresholdLog10P: Double? = nil,
        maximumPoints: Int = 400
    ) {
        self.title = title
        self.points = points
        self.thresholdLog10P = thresholdLog10P
        self.maximumPoints = maximumPoints
    }

    /// The points that are drawn: all of them, or an even thinning that keeps the first and last.
    public var drawnPoints: [(tokens: Double, log10P: Double)] {
        let valid = points.filter { $0.tokens > 0 && $0.tokens.isFinite && $0.log10P.isFinite }
        guard valid.count > maximumPoints, maximumPoints > 1 else { return valid }
        return (0..<maximumPoints).map { valid[$0 * (valid.count - 1) / (maximumPoints - 1)] }
    }

    /// The chart as an `<svg>` element.
    public func render() -> String {
        let left = 64.0
        let top = 12.0
        let plotWidth = 500.0
        let plotHeight = 200.0
        var canvas = SVGCanvas(width: left + plotWidth + 30, height: top + plotHeight + 50)
        let bottom = top + plotHeight
        let shown = drawnPoints
        let xs = shown.map { log10($0.tokens) }
        let xLo = (xs.min() ?? 0).rounded(.down)
        let xHi = max((xs.max() ?? 1).rounded(.up), xLo + 1)
        let yLo = min((shown.map(\.log10P).min() ?? -1).rounded(.down), (thresholdLog10P ?? 0) - 1)
        let xOf = { (v: Double) -> Double in left + plotWidth * (v - xLo) / (xHi - xLo) }
        let yOf = { (v: Double) -> Double in top + plotHeight * v / yLo }
        for k in stride(from: xLo, through: xHi, by: 1) {
            canvas.line(x1: xOf(k), y1: top, x2: xOf(k), y2: bottom, cssClass: "grid")
            canvas.text(Self.power(k), x: xOf(k), y: bottom + 14, anchor: "middle", cssClass: "tick")
        }
        let yStep = max(1, (-yLo / 5).rounded(.up))
        for k in stride(from: 0, through: yLo, by: -yStep) {
            canvas.line(x1: left, y1: yOf(k), x2: left + plotWidth, y2: yOf(k), cssClass: "grid")
            canvas.text(Self.power(k), x: left - 6, y: yOf(k) + 4, anchor: "end", cssClass: "tick")
        }
        if let t = thresholdLog10P {
            canvas.line(x1: left, y1: yOf(t), x2: left + plotWidth, y2: yOf(t), cssClass: "threshold")
            canvas.text(
                "α = \(Self.power(t))", x: left + plotWidth - 4, y: yOf(t) - 4, anchor: "end",
                cssClass: "threshold-label")
        }
        canvas.polyline(zip(xs, shown).map { (xOf($0), yOf($1.log10P)) }, cssClass: "series")
        for (x, p) in zip(xs, shown) { canvas.circle(x: xOf(x), y: yOf(p.log10P), radius: 2.5, cssClass: "dot") }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, cssClass: "axis")
        canvas.line(x1: left, y1: bottom, x2: left + plotWidth, y2: bottom, cssClass: "axis")
        canvas.text(
            "tokens scored (log scale)", x: left + plotWidth / 2, y: bottom + 34, anchor: "middle",
            cssClass: "axis-label")
        canvas.text(
            "p-value (log scale)", x: 14, y: top + plotHeight / 2, anchor: "middle", cssClass: "axis-label",
            rotate: true)
        return canvas.render(title: title)
    }

    /// `10^k` written as text ("1", "10", "1e-6").
    static func power(_ k: Double) -> String {
        let e = Int(k.rounded())
        switch e {
        case 0: return "1"
        case 1...5: return "1" + String(repeating: "0", count: e)
        default: return "1e\(e)"
        }
    }
}
