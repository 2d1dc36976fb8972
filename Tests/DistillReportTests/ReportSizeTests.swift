import DistillReport
import Foundation
import Testing

/// A comparison of 100k documents must still give a report a browser opens: evidence is ranked,
/// sampled and capped, with counts of what was left out.
@Suite struct ReportSizeTests {
    static let documents = 100_000

    static func bigReport() -> ForensicReport {
        var report = ReportFixtures.handBuiltReport()
        let words = String(repeating: "shared words of a long evidence passage ", count: 15)
        let context = String(repeating: "context around it ", count: 20)
        let pairs = (0..<documents).map { i in
            EvidencePair(
                n: 13, tokens: 200 - i % 150,
                suspect: EvidencePassage(
                    documentID: "suspect-\(i)", tokenStart: i, tokenEnd: i + 90,
                    segments: [
                        .init(context, shared: false), .init(words, shared: true), .init(context, shared: false),
                    ]),
                reference: EvidencePassage(
                    documentID: "teacher-\(i)", segments: [.init(words, shared: true), .init(context, shared: false)]))
        }
        report.overlap?.evidence = CappedList(
            total: 3 * documents, items: pairs, selection: "all spans, strongest first")
        report.overlap?.nearDuplicates?.pairs = CappedList(
            total: documents,
            items: (0..<documents).map {
                .init(suspectID: "suspect-\($0)", referenceID: "teacher-\($0)", jaccard: 0.9)
            },
            selection: "highest first")
        report.overlap?.boilerplate = (0..<documents).map {
            .init(n: 8, text: "phrase \($0) " + words, occurrences: 10)
        }
        report.watermark?.radioactivity = (1...documents).map {
            .init(tokensScored: $0 * 10, log10P: -Double($0) / 1000)
        }
        report.identity?.snippets = CappedList(
            total: documents,
            items: (0..<documents).map {
                EvidencePassage(
                    documentID: "suspect-\($0)",
                    segments: [.init(context, shared: false), .init("I am TeacherLM", shared: true)])
            }, selection: "document order")
        report.style?.distances = (0..<documents).map {
            .init(reference: "model-\($0)", distance: Double($0 % 100) / 100)
        }
        report.inputs = (0..<documents).map {
            .init(role: "reference", path: "corpus-\($0).jsonl", bytes: 1000, sha256: nil, documents: 1)
        }
        return report
    }

    @Test func htmlAndMarkdownStayUnderFiveMegabytes() throws {
        let report = Self.bigReport()
        let html = try HTMLReportRenderer().render(report)
        let markdown = try MarkdownReportRenderer().render(report)
        ReportFixtures.keepArtifact(html, name: "big-100k.html")
        #expect(html.count < 5_000_000, "HTML is \(html.count) bytes")
        #expect(markdown.count < 5_000_000, "Markdown is \(markdown.count) bytes")
        let text = String(decoding: html, as: UTF8.self)
        let limits = RenderLimits()
        let shownSpans = limits.evidenceTop + limits.evidenceSample
        #expect(text.components(separatedBy: "<article class=\"evidence\">").count - 1 == shownSpans + limits.rows)
        #expect(text.contains("\(3 * Self.documents - shownSpans) more spans not shown"))
        #expect(text.contains("\(Self.documents - limits.rows) more pairs not shown"))
        #expect(text.contains("\(Self.documents - limits.rows) more examples not shown"))
        #expect(text.contains("\(Self.documents - limits.rows) more references not shown"))
        #expect(text.contains("\(Self.documents - limits.rows) more inputs not shown"))
        #expect(text.contains("\(limits.chartPoints) of \(Self.documents) points drawn"))
        #expect(text.components(separatedBy: "<circle").count - 1 <= limits.chartPoints + 2 * limits.rows)
    }
}
