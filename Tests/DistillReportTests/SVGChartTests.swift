import DistillReport
import Foundation
import Testing

@Suite struct SVGChartTests {
    @Test func numbersFormatTheSameEverywhere() {
        #expect(ChartNumber.coordinate(12.345) == "12.3")
        #expect(ChartNumber.coordinate(12.0) == "12")
        #expect(ChartNumber.coordinate(-0.01) == "0")
        #expect(ChartNumber.coordinate(.nan) == "0")
        #expect(ChartNumber.label(0.25) == "0.25")
        #expect(ChartNumber.label(1234) == "1234")
        #expect(ChartNumber.label(2e-9) == "2e-9")
        #expect(ChartNumber.label(0) == "0")
        #expect(ChartNumber.pValue(0.0123) == "0.012")
        #expect(ChartNumber.pValue(3.5e-12) == "3.5e-12")
        #expect(ChartNumber.pValue(0) == "< 1e-300")
        #expect(ChartNumber.percent(0.1234) == "12.3%")
    }

    @Test func chartsAreDeterministicAndEscapeLabels() {
        let bars = BarChart(
            title: "t <x>", axisLabel: "a & b",
            bars: [
                .init(label: "<script>", value: 0.5, interval: 0.4...0.6, marker: 0.7), .init(label: "b", value: 0.2),
            ])
        let svg = bars.render()
        #expect(svg == bars.render())
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("&lt;script&gt;") && !svg.contains("<script"))
        #expect(svg.contains("<title>t &lt;x&gt;</title>"))
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 2)
        #expect(svg.contains("class=\"marker\""))
    }

    @Test func histogramHasOneBarPerBucket() {
        let chart = HistogramChart(
            title: "h", axisLabel: "x",
            buckets: (0..<20).map { .init(lower: Double($0) / 20, upper: Double($0 + 1) / 20, count: $0) })
        #expect(chart.render().components(separatedBy: "class=\"bar\"").count - 1 == 20)
    }

    @Test func logScatterThinsPointsKeepingTheEnds() {
        let points = (1...10_000).map { (tokens: Double($0), log10P: -Double($0) / 100) }
        let chart = LogScatterChart(title: "r", points: points, thresholdLog10P: -2, maximumPoints: 300)
        let drawn = chart.drawnPoints
        #expect(drawn.count == 300)
        #expect(drawn.first?.tokens == 1 && drawn.last?.tokens == 10_000)
        let svg = chart.render()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 300)
        #expect(svg.contains("class=\"threshold\""))
        #expect(svg.contains(">1e-100<") || svg.contains(">1e-80<"), "log ticks are labelled as powers of ten")
    }

    @Test func intervalChartDrawsADotAndAnIntervalPerRow() {
        let chart = IntervalChart(
            title: "i", axisLabel: "rate", rows: [.init(label: "Claude", value: 0.1, lower: 0.05, upper: 0.2)])
        let svg = chart.render()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 1)
        #expect(svg.components(separatedBy: "class=\"whisker\"").count - 1 == 3)
    }
}
