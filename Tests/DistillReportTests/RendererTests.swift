import Foundation
import Testing

@testable import DistillReport

@Suite struct RendererTests {
    @Test func htmlPutsTheVerdictFirstAndHasOneChartPerSignal() throws {
        let report = ReportFixtures.handBuiltReport()
        let html = HTMLReportRenderer().html(report)
        ReportFixtures.keepArtifact(Data(html.utf8), name: "hand-built.html")
        ReportFixtures.keepArtifact(try JSONReportRenderer().render(report), name: "hand-built.json")
        let h1 = try #require(html.range(of: "<h1>Derived from TeacherLM — strong evidence</h1>"))
        for id in [
            "verdicts", "overlap", "style", "attribution", "identity", "watermark", "methods", "reproducibility",
        ] {
            let section = try #require(html.range(of: "<section id=\"\(id)\">"), "missing section \(id)")
            #expect(h1.upperBound < section.lowerBound)
        }
        // Containment histogram, style bars, attribution bars, identity intervals, radioactivity.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
        #expect(html.contains("<mark>the shared words</mark>"))
        #expect(html.contains("class=\"sides\""))
        #expect(html.contains(String(repeating: "ab", count: 32)), "input hash in the reproducibility block")
        #expect(html.contains("@media print"))
        for forbidden in ["<script", "http://", "https://", "<link", "<img", "@import", "url("] {
            let outsideSVGNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!outsideSVGNamespace.contains(forbidden), "self-contained: \(forbidden)")
        }
    }

    @Test func headlineWithoutVerdictsSaysSo() {
        var report = ReportFixtures.handBuiltReport()
        report.verdicts = []
        let html = HTMLReportRenderer().html(report)
        #expect(html.contains("<h1>No verdict: measurements only</h1>"))
        #expect(!html.contains("<section id=\"verdicts\">"))
        #expect(MarkdownReportRenderer().markdown(report).contains("**No verdict: measurements only**"))
    }

    @Test func markdownHasEverySectionAndSideBySideEvidence() {
        let markdown = MarkdownReportRenderer().markdown(ReportFixtures.handBuiltReport())
        for heading in [
            "## Verdicts", "## N-gram overlap with teacher", "### Evidence: shared spans side by side",
            "## Stylometric distance", "## Attribution", "## Identity claims", "## Watermark",
            "## Methods and parameters",
            "## Reproducibility",
        ] {
            #expect(markdown.contains(heading + (heading.hasSuffix("teacher") ? "" : "")), "missing \(heading)")
        }
        #expect(markdown.contains("| Before the span **the shared words** after |"))
        #expect(markdown.contains("*41 more spans not shown.*"))
    }

    @Test func jsonRoundTripsAndKeysAreSorted() throws {
        let report = ReportFixtures.handBuiltReport(hostile: true)
        let data = try JSONReportRenderer().render(report)
        #expect(try JSONReportRenderer.decode(data, path: "r.json") == report)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"attribution\"", "\"command\"", "\"commandLine\"", "\"identity\"", "\"inputs\"", "\"overlap\""]
        let positions = try keys.map { try #require(text.range(of: "\n  " + $0)).lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func decodeRejectsWhatIsNotAReport() {
        #expect(throws: ReportError.notAReport(path: "x", reason: "not a JSON object")) {
            try JSONReportRenderer.decode(Data("[1, 2]".utf8), path: "x")
        }
        #expect(throws: ReportError.notAReport(path: "x", reason: "no schemaVersion")) {
            try JSONReportRenderer.decode(Data("{\"a\": 1}".utf8), path: "x")
        }
        #expect(throws: ReportError.unsupportedVersion(path: "x", version: 99)) {
            try JSONReportRenderer.decode(Data("{\"schemaVersion\": 99}".utf8), path: "x")
        }
        #expect(throws: ReportError.notAReport(path: "x", reason: "missing .command")) {
            try JSONReportRenderer.decode(Data("{\"schemaVersion\": 1}".utf8), path: "x")
        }
    }

    @Test func formatFollowsTheExtension() {
        #expect(ReportFormat(path: "a/b.HTML") == .html)
        #expect(ReportFormat(path: "r.htm") == .html)
        #expect(ReportFormat(path: "r.md") == .markdown)
        #expect(ReportFormat(path: "r.json") == .json)
        #expect(ReportFormat(path: "r.txt") == nil)
        #expect(ReportFormat(path: "-") == nil)
    }

    @Test func samplerTakesTheTopThenADeterministicSample() {
        let sampler = EvidenceSampler(top: 5, sample: 4)
        let picked = sampler.indices(count: 1_000)
        #expect(Array(picked.prefix(5)) == [0, 1, 2, 3, 4])
        #expect(picked.count == 9 && Set(picked).count == 9)
        #expect(picked.dropFirst(5).allSatisfy { $0 >= 5 && $0 < 1_000 })
        #expect(picked == sampler.indices(count: 1_000))
        #expect(sampler.indices(count: 3) == [0, 1, 2])
        #expect(EvidenceSampler(top: 5, sample: 4, seed: 7).indices(count: 1_000) != picked)
    }

    @Test func passagesAreTrimmedKeepingTheSharedText() {
        let limits = RenderLimits(passageCharacters: 100)
        let long = String(repeating: "x", count: 400)
        let trimmed = limits.trim([
            .init(long, shared: false), .init("SHARED", shared: true), .init(long, shared: false),
        ])
        #expect(trimmed.map(\.text.count).reduce(0, +) <= 100)
        #expect(trimmed[1].text == "SHARED")
        #expect(trimmed[0].text.hasPrefix("…") && trimmed[2].text.hasSuffix("…"))
    }

    @Test func strengthFollowsThePValue() {
        #expect(ReportVerdict.Strength(pValue: 0.2) == .none)
        #expect(ReportVerdict.Strength(pValue: 0.01) == .weak)
        #expect(ReportVerdict.Strength(pValue: 1e-4) == .moderate)
        #expect(ReportVerdict.Strength(pValue: 1e-9) == .strong)
        #expect(ReportVerdict.Strength(pValue: 0) == .overwhelming)
        #expect(ReportVerdict.Strength.weak < .strong)
    }

    /// P-values below the smallest double render exactly from their log10 (they used to print as 0 or
    /// "< 1e-300"), in every format, and order verdicts correctly.
    @Test func tinyPValuesRenderExactly() throws {
        #expect(ChartNumber.pValue(fromLog10: -900) == "1e-900")
        #expect(ChartNumber.pValue(fromLog10: -412.3) == "5.0e-413")
        #expect(ChartNumber.pValue(fromLog10: -3) == "0.001")
        let verdicts = [
            ReportVerdict(
                reference: "a", decision: .derived, pValue: 0, log10PValue: -400, summary: "a", method: "m",
                signals: [.init(name: "watermark z", value: 40, pValue: 0, log10PValue: -900, method: "m")]),
            ReportVerdict(
                reference: "b", decision: .derived, pValue: 0, log10PValue: -900, summary: "b", method: "m",
                signals: [.init(name: "watermark z", value: 60, pValue: 0, log10PValue: -900, method: "m")]),
        ]
        let report = ForensicReport(
            command: "score", tool: .init(name: "distillscope", version: "0"), commandLine: [], inputs: [],
            verdicts: verdicts)
        let markdown = String(decoding: try MarkdownReportRenderer().render(report), as: UTF8.self)
        let html = String(decoding: try HTMLReportRenderer().render(report), as: UTF8.self)
        for text in [markdown, html] {
            #expect(text.contains("1e-900") && text.contains("1e-400"))
            #expect(!text.contains("< 1e-300"))
        }
        #expect(ReportHeadline.rankedVerdicts(report).first?.reference == "b")
        let json = try JSONReportRenderer().render(report)
        #expect(try JSONReportRenderer.decode(json, path: "r").verdicts.first?.log10PValue == -400)
    }
}
