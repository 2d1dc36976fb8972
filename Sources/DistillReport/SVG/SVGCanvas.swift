/// A tiny builder of inline SVG: shapes and text with fixed-precision coordinates, every text
/// escaped through ``HTMLEscaping``. Output is byte-identical for the same calls.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) {
        body +=
            "<rect class=\"\(cssClass)\" x=\"\(ChartNumber.coordinate(x))\" y=\"\(ChartNumber.coordinate(y))\" width=\"\(ChartNumber.coordinate(max(0, width)))\" height=\"\(ChartNumber.coordinate(max(0, height)))\"/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String) {
        body +=
            "<line class=\"\(cssClass)\" x1=\"\(ChartNumber.coordinate(x1))\" y1=\"\(ChartNumber.coordinate(y1))\" x2=\"\(ChartNumber.coordinate(x2))\" y2=\"\(ChartNumber.coordinate(y2))\"/>"
    }

    mutating func circle(x: Double, y: Double, radius: Double, cssClass: String) {
        body +=
            "<circle class=\"\(cssClass)\" cx=\"\(ChartNumber.coordinate(x))\" cy=\"\(ChartNumber.coordinate(y))\" r=\"\(ChartNumber.coordinate(radius))\"/>"
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], cssClass: String) {
        guard points.count > 1 else { return }
        let list = points.map { "\(ChartNumber.coordinate($0.x)),\(ChartNumber.coordinate($0.y))" }.joined(
            separator: " ")
        body += "<polyline class=\"\(cssClass)\" points=\"\(list)\"/>"
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    mutating func text(
        _ string: String, x: Double, y: Double, anchor: String = "start", cssClass: String = "label",
        rotate: Bool = false
    ) {
        let transform =
            rotate ? " transform=\"rotate(-90 \(ChartNumber.coordinate(x)) \(ChartNumber.coordinate(y)))\"" : ""
        body +=
            "<text class=\"\(cssClass)\" x=\"\(ChartNumber.coordinate(x))\" y=\"\(ChartNumber.coordinate(y))\" text-anchor=\"\(anchor)\"\(transform)>\(HTMLEscaping.escape(string))</text>"
    }

    /// The finished `<svg>` element, with `title` as its accessible name.
    func render(title: String) -> String {
        let w = ChartNumber.coordinate(width)
        let h = ChartNumber.coordinate(height)
        return
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\"><title>\(HTMLEscaping.escape(title))</title>\(body)</svg>"
    }
}
