import DistillCore
import DistillReport
import Foundation
import Testing

/// Corpus text is untrusted: nothing in it may become markup in a rendering.
@Suite struct HostileTextTests {
    /// Every way the hostile strings could show up unescaped in HTML.
    static func expectSafeHTML(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = html.lowercased()
        #expect(!lower.contains("<script"), sourceLocation: sourceLocation)
        #expect(
            lower.components(separatedBy: "</style").count == 2, "only the report's own </style>",
            sourceLocation: sourceLocation)
        #expect(!lower.contains("\"onload="), sourceLocation: sourceLocation)
        #expect(!lower.contains("'onerror="), sourceLocation: sourceLocation)
        #expect(!lower.contains("<a "), sourceLocation: sourceLocation)
        #expect(!lower.contains("\"javascript:") && !lower.contains("'javascript:"), sourceLocation: sourceLocation)
        #expect(!html.contains("]]>") && !html.contains("<![CDATA["), sourceLocation: sourceLocation)
        #expect(!html.contains("<!--") && !html.contains("<b>"), sourceLocation: sourceLocation)
        #expect(html.unicodeScalars.allSatisfy(HTMLEscaping.isAllowed), sourceLocation: sourceLocation)
        #expect(html.contains("&lt;script&gt;"), "the text is still there, escaped", sourceLocation: sourceLocation)
        #expect(html.contains("\u{FFFD}"), "invalid bytes and controls show as U+FFFD", sourceLocation: sourceLocation)
    }

    static func expectSafeMarkdown(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!markdown.contains("<"), "no raw HTML at all", sourceLocation: sourceLocation)
        #expect(!markdown.contains("]]>"), sourceLocation: sourceLocation)
        #expect(!markdown.contains("[link](x)"), "no link can form", sourceLocation: sourceLocation)
        #expect(markdown.contains("&lt;script&gt;"), sourceLocation: sourceLocation)
        #expect(markdown.unicodeScalars.allSatisfy(HTMLEscaping.isAllowed), sourceLocation: sourceLocation)
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("|---") {
            // Every table row keeps its column count: pipes in text are escaped.
            let unescaped = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(unescaped >= 3, "row: \(line.prefix(80))", sourceLocation: sourceLocation)
        }
    }

    @Test func escaperHandlesEveryHostileString() {
        for text in ReportFixtures.hostile {
            let escaped = HTMLEscaping.escape(text)
            #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""))
            #expect(!escaped.contains("'"))
            #expect(escaped.unicodeScalars.allSatisfy(HTMLEscaping.isAllowed))
        }
        #expect(HTMLEscaping.escape("a<b & \"c\" 'd'") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;")
        #expect(HTMLEscaping.escape("tab\tnew\nline") == "tab\tnew\nline")
        #expect(
            HTMLEscaping.escape("x\u{0}\u{1B}\u{85}\u{FFFE}\u{10FFFF}y") == "x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y"
        )
        #expect(
            MarkdownEscaping.escape("*a* [b](c) <d> |e| `f`\ng") == "\\*a\\* \\[b\\](c) &lt;d&gt; \\|e\\| \\`f\\` g")
    }

    @Test func handBuiltReportWithHostileTextEverywhere() throws {
        let report = ReportFixtures.handBuiltReport(hostile: true)
        let html = HTMLReportRenderer().html(report)
        Self.expectSafeHTML(html)
        ReportFixtures.keepArtifact(Data(html.utf8), name: "hostile-hand-built.html")
        let markdown = MarkdownReportRenderer().markdown(report)
        ReportFixtures.keepArtifact(Data(markdown.utf8), name: "hostile-hand-built.md")
        Self.expectSafeMarkdown(markdown)
    }

    /// Hostile documents that teacher and suspect share, through the real engine and the mapper,
    /// so the hostile text lands in the evidence quotes.
    @Test func hostileCorpusThroughTheEngine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let body =
            "Here is what you need to know about the topic, in plenty of words so spans are long. "
            + ReportFixtures.hostileText + " and then the answer goes on with the same long shared tail words."
        func record(_ id: String, _ text: String) throws -> String {
            let object = ["id": id, "text": text]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let teacher = try [record("t1<script>", body), record("t2", "unrelated teacher words only here")]
        let suspect = try [record("s1\"onload=", "Sure! " + body), record("s2", "other suspect words entirely")]
        try (teacher.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("t.jsonl"), atomically: true, encoding: .utf8)
        try (suspect.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("s.jsonl"), atomically: true, encoding: .utf8)
        let options = FingerprintOptions(shingleWidth: 5, permutations: 128, seed: 1, keepWordIDs: true, keepText: true)
        let t = try CorpusFingerprinter.fingerprint(
            paths: [dir.appendingPathComponent("t.jsonl").path], corpusOptions: CorpusOptions(threads: 1),
            options: options)
        let s = try CorpusFingerprinter.fingerprint(
            paths: [dir.appendingPathComponent("s.jsonl").path], corpusOptions: CorpusOptions(threads: 1),
            options: options)
        let overlap = OverlapComparison.compare(
            suspect: s, reference: t, options: OverlapOptions(boilerplateMinDocuments: 0), threads: 1)
        let report = try CompareReportBuilder.report(
            overlap: overlap, teacher: .init(role: "teacher", path: "t</style>.jsonl", fingerprinted: t),
            suspect: .init(role: "suspect", path: "s.jsonl", fingerprinted: s), background: nil, options: [:],
            tool: .init(version: "test"), commandLine: ["distillscope", "compare", "<script>"], timings: [])
        let evidence = try #require(report.overlap?.evidence.items.first)
        #expect(evidence.suspect.text.contains("<script>alert(1)</script>"), "the raw text reaches the model")
        let html = HTMLReportRenderer().html(report)
        Self.expectSafeHTML(html)
        #expect(html.contains("<mark>"))
        ReportFixtures.keepArtifact(Data(html.utf8), name: "hostile-engine.html")
        Self.expectSafeMarkdown(MarkdownReportRenderer().markdown(report))
    }
}
