import DistillCore
import DistillReport
import Foundation
import Testing

/// Report models shared by the DistillReport tests: the Samples' comparison, a hand-built report
/// with every section, and hostile text.
enum ReportFixtures {
    /// The repository root, found from this source file.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func url(_ relative: String) -> URL { repositoryRoot.appendingPathComponent(relative) }

    /// `compare --report R Samples/teacher.jsonl.gz Samples/student.jsonl.gz` with the CLI's defaults (100
    /// evidence spans kept when a report is written), through
    /// the same builder as `--report`, with a fixed command line and no timings (golden-stable).
    static func samplesCompareReport(threads: Int = 2) throws -> ForensicReport {
        let corpusOptions = CorpusOptions(threads: threads)
        var options = FingerprintOptions(
            shingleWidth: 5, permutations: MinHasher.defaultPermutations, seed: MinHasher.defaultSeed,
            keepWordIDs: true, keepText: true)
        options.keepShingleSets = false
        let teacher = try CorpusFingerprinter.fingerprint(
            paths: [url("Samples/teacher.jsonl.gz").path], corpusOptions: corpusOptions, options: options)
        let student = try CorpusFingerprinter.fingerprint(
            paths: [url("Samples/student.jsonl.gz").path], corpusOptions: corpusOptions, options: options)
        let overlap = OverlapComparison.compare(
            suspect: student, reference: teacher, options: OverlapOptions(maxEvidence: 100), shingleWidth: 5,
            threads: threads)
        return try CompareReportBuilder.report(
            overlap: overlap,
            teacher: .init(role: "teacher", path: "Samples/teacher.jsonl.gz", fingerprinted: teacher),
            suspect: .init(role: "suspect", path: "Samples/student.jsonl.gz", fingerprinted: student),
            background: nil,
            options: [
                "ngram": "8,13", "boilerplate-min-docs": "10", "near-duplicate-threshold": "0.5",
                "near-duplicates": "on",
                "shingle": "5", "permutations": "128", "seed": "1", "evidence": "10",
            ],
            tool: .init(version: "golden"),
            commandLine: [
                "distillscope", "compare", "--report", "report.json", "Samples/teacher.jsonl.gz",
                "Samples/student.jsonl.gz",
            ],
            timings: [])
    }

    /// Strings that try to break out of HTML, SVG and Markdown.
    static let hostile: [String] = [
        "<script>alert(1)</script>", "</style><b>bold</b>", "\"onload=alert(2) x=\"", "'onerror='alert(3)",
        "<a href=\"javascript:alert(4)\">click</a>", "]]><![CDATA[", "<!-- comment --> & &amp;",
        String(decoding: [0x62, 0x61, 0x64, 0xFF, 0xFE, 0xC0, 0x80, 0x21], as: UTF8.self),
        "nul\u{0}bell\u{7}esc\u{1B}del\u{7F}c1\u{85}nonchar" + scalars(0xFFFF, 0xFDD0),
        "**bold** _it_ `code` [link](x) | pipe",
    ]

    /// A string of the given scalars (noncharacters cannot be written as literals).
    static func scalars(_ values: UInt32...) -> String {
        String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    static var hostileText: String { hostile.joined(separator: " ") }

    /// A report with every section filled by hand, hostile text in every string field.
    static func handBuiltReport(hostile: Bool = false) -> ForensicReport {
        let bad = hostile ? " " + hostileText : ""
        let passage = EvidencePassage(
            documentID: "s-1" + bad, tokenStart: 3, tokenEnd: 20,
            segments: [
                .init("Before the span" + bad + " ", shared: false), .init("the shared words" + bad, shared: true),
                .init(" after" + bad, shared: false),
            ])
        let overlap = OverlapSection(
            reference: "teacher" + bad, suspectDocuments: 100, referenceDocuments: 120, pairing: "id", pairs: 90,
            boilerplateMinDocuments: 10,
            widths: [
                .init(
                    n: 13, corpusContainment: 0.125, windows: 4000, sharedWindows: 520, boilerplateWindows: 20,
                    unpairedContainment: .init(count: 100, mean: 0.12, median: 0.1, p90: 0.3, max: 0.9),
                    pairedContainment: .init(count: 90, mean: 0.2, median: 0.15, p90: 0.5, max: 1),
                    containmentHistogram: ReportHistogram(unitIntervalCounts: [40, 20, 10, 10, 5, 5, 4, 3, 2, 1]),
                    evidenceSpans: 42, boilerplateSpans: 7)
            ],
            jaccard: .init(
                shingleWidth: 5, paired: .init(count: 90, mean: 0.2, median: 0.1, p90: 0.4, max: 0.95),
                unpairedBest: .init(count: 100, mean: 0.1, median: 0, p90: 0.3, max: 0.95)),
            nearDuplicates: .init(
                threshold: 0.5, permutations: 128, bands: 32, rows: 4, candidates: 50, verified: 12,
                pairs: CappedList(
                    total: 12, items: [.init(suspectID: "s-1" + bad, referenceID: "t-9" + bad, jaccard: 0.95)],
                    selection: "highest Jaccard first")),
            boilerplate: [.init(n: 13, text: "I hope this helps!" + bad, occurrences: 30)],
            evidence: CappedList(
                total: 42, items: [EvidencePair(n: 13, tokens: 17, suspect: passage, reference: passage)],
                selection: "strongest first" + bad))
        return ForensicReport(
            command: "score", tool: .init(version: "test"),
            commandLine: ["distillscope", "score", "suspect dir" + bad, "--report", "r.html"],
            inputs: [
                .init(
                    role: "suspect", path: "suspect.jsonl" + bad, bytes: 1234,
                    sha256: String(repeating: "ab", count: 32), documents: 100)
            ],
            options: ["alpha": "0.01", "label" + bad: "value" + bad],
            timings: [.init(phase: "read" + bad, seconds: 0.5)],
            verdicts: [
                ReportVerdict(
                    reference: "TeacherLM" + bad, decision: .derived, pValue: 2e-9,
                    summary: "The suspect shares long spans with TeacherLM" + bad,
                    method: "Holm–Bonferroni over 3 candidates; null from 40 independent models" + bad,
                    signals: [
                        .init(name: "overlap" + bad, value: 0.125, pValue: 1e-10, method: "containment vs null" + bad)
                    ]),
                ReportVerdict(
                    reference: "OtherLM", decision: .notDerived, pValue: 0.4, summary: "Nothing beyond the null.",
                    method: "Holm–Bonferroni over 3 candidates"),
            ],
            overlap: overlap,
            style: StyleSection(
                metric: "cosine-delta", features: "function-words-150",
                distances: [
                    .init(reference: "TeacherLM" + bad, distance: 0.41, nullMean: 0.9, nullUpper: 0.7, pValue: 0.001),
                    .init(reference: "OtherLM", distance: 0.95, nullMean: 0.9, nullUpper: 0.7, pValue: 0.6),
                ]),
            attribution: AttributionSection(
                replicates: 1000, method: "Nearest centroid on resampled documents" + bad,
                shares: [
                    .init(reference: "TeacherLM" + bad, share: 0.82, lower: 0.78, upper: 0.86),
                    .init(reference: "OtherLM", share: 0.1, lower: 0.08, upper: 0.12),
                ], noneOfThese: 0.08),
            identity: IdentitySection(
                documentsScanned: 5000, confidence: 0.95,
                claims: [.init(identity: "TeacherLM" + bad, documents: 37, rate: 0.0074, lower: 0.0054, upper: 0.0102)],
                snippets: CappedList(
                    total: 37,
                    items: [
                        EvidencePassage(
                            documentID: "s-77" + bad,
                            segments: [.init("As ", shared: false), .init("I am TeacherLM" + bad, shared: true)])
                    ],
                    selection: "first by document order")),
            watermark: WatermarkSection(
                scheme: "ds-kgw", keyName: "key-1" + bad, greenFraction: 0.25, contextWidth: 1,
                documents: .init(scored: 5000, flagged: 400, alpha: 0.01, medianLog10P: -1.2, minimumLog10P: -40),
                radioactivity: (1...60).map { .init(tokensScored: $0 * 500, log10P: -0.4 * Double($0)) }))
    }

    /// Writes `data` to `$DISTILLSCOPE_REPORT_ARTIFACTS/name` when that variable is set (for
    /// scripts/check_html.py and scripts/screenshot_report.sh).
    static func keepArtifact(_ data: Data, name: String) {
        guard let dir = ProcessInfo.processInfo.environment["DISTILLSCOPE_REPORT_ARTIFACTS"] else { return }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
    }
}
