import DistillCore
import Foundation
import Testing

@testable import DistillReport

/// ``ScanFingerprint``, ``SourceRoot`` and ``ScanBaseline`` as library calls: what a fingerprint
/// depends on and what it does not.
@Suite struct ScanFingerprintTests {
    static func finding(
        signal: Signal = .ngram(13), reference: String = "teacher",
        evidence: [(line: Int, id: String, snippet: String)] = [(3, "a:3", "the same text"), (9, "a:9", "other text")]
    ) -> ScanReport.Finding {
        ScanReport.Finding(
            signal: signal, reference: reference, rate: 0.5, exceedingDocuments: 2, log10PValue: -9, failing: true,
            message: "m",
            evidence: evidence.map {
                ScanReport.Location(path: "data/a.jsonl", line: $0.line, documentID: $0.id, snippet: $0.snippet)
            })
    }

    @Test func ignoresLinesDocumentIDsOrderAndSpacing() {
        let base = ScanFingerprint.of(Self.finding(), portablePath: "data/a.jsonl")
        #expect(base.count == 64)
        let moved = Self.finding(evidence: [(40, "a:40", "other  text\n"), (12, "a:12", " the same\ttext")])
        #expect(ScanFingerprint.of(moved, portablePath: "data/a.jsonl") == base)
    }

    @Test func changesWithWhatTheFindingIs() {
        let base = ScanFingerprint.of(Self.finding(), portablePath: "data/a.jsonl")
        let others = [
            ScanFingerprint.of(Self.finding(signal: .ngram(8)), portablePath: "data/a.jsonl"),
            ScanFingerprint.of(Self.finding(reference: "control"), portablePath: "data/a.jsonl"),
            ScanFingerprint.of(Self.finding(), portablePath: "data/b.jsonl"),
            ScanFingerprint.of(Self.finding(evidence: [(3, "a:3", "the same text")]), portablePath: "data/a.jsonl"),
            ScanFingerprint.of(
                Self.finding(evidence: [(3, "a:3", "the same text"), (9, "a:9", "new text")]),
                portablePath: "data/a.jsonl"),
        ]
        #expect(Set(others).count == others.count)
        #expect(!others.contains(base))
    }

    /// The definition in ScanFingerprint's comment and docs/ci.md, recomputed from its text.
    @Test func matchesTheDocumentedDefinition() {
        let text =
            "distillscope-finding-v1\nsignal=ngram-13\nreference=teacher\npath=data/a.jsonl\n"
            + "evidence=other text\nevidence=the same text"
        #expect(
            ScanFingerprint.of(Self.finding(), portablePath: "data/a.jsonl") == SHA256.hex(of: Array(text.utf8)))
    }

    @Test func sourceRootRelativePaths() {
        let root = SourceRoot(path: "/work/repo/")
        #expect(root.path == "/work/repo")
        #expect(root.relative("/work/repo/data/a.jsonl") == "data/a.jsonl")
        #expect(root.relative("/work/repo/./data/../data/a.jsonl") == "data/a.jsonl")
        #expect(root.relative("/work/repository/a.jsonl") == nil)
        #expect(root.relative("/work/repo") == nil)
        #expect(root.relative("-") == nil)
        #expect(root.portableName("/elsewhere/x.jsonl") == "/elsewhere/x.jsonl")
        #expect(SourceRoot(path: "/").relative("/a/b") == "a/b")
    }

    @Test func baselineLeavesOutKnownFindingsAndCountsThem() {
        var known = Self.finding()
        known.fingerprint = ScanFingerprint.of(known, portablePath: "data/a.jsonl")
        var new = Self.finding(reference: "control")
        new.fingerprint = ScanFingerprint.of(new, portablePath: "data/a.jsonl")
        let report = ScanReport(
            schemaVersion: 1, toolVersion: "t", store: "s", signals: [:],
            files: [ScanReport.FileResult(path: "data/a.jsonl", documents: 4, findings: [known, new])])
        let filtered = ScanBaseline(
            path: "b.json", fingerprints: [known.fingerprint, String(repeating: "0", count: 64)]
        )
        .apply(to: report)
        #expect(filtered.files[0].findings == [new])
        #expect(filtered.baseline == ScanReport.BaselineSummary(path: "b.json", findings: 2, suppressed: 1))
        #expect(filtered.failingCount == 1)
    }
}
