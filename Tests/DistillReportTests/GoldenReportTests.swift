import DistillReport
import Foundation
import Testing

/// Golden files of the Samples' compare report. Re-record after a deliberate change with
/// `DISTILLSCOPE_RECORD_SNAPSHOTS=1 swift test --filter GoldenReportTests`.
@Suite struct GoldenReportTests {
    static let recording = ProcessInfo.processInfo.environment["DISTILLSCOPE_RECORD_SNAPSHOTS"] == "1"

    static func expectMatchesSnapshot(
        _ data: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = ReportFixtures.url("Tests/DistillReportTests/Snapshots/" + name)
        if recording {
            try data.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        if data != expected {
            let got = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            Issue.record(
                "\(name) differs from the snapshot at line \(line + 1): got \(got.count > line ? String(got[line].prefix(120)) : "<end>"), want \(want.count > line ? String(want[line].prefix(120)) : "<end>")",
                sourceLocation: sourceLocation)
        }
    }

    @Test func samplesCompareJSONAndMarkdown() throws {
        let report = try ReportFixtures.samplesCompareReport()
        let json = try JSONReportRenderer().render(report)
        try Self.expectMatchesSnapshot(json, named: "samples-compare.json")
        try Self.expectMatchesSnapshot(try MarkdownReportRenderer().render(report), named: "samples-compare.md")
        let html = try HTMLReportRenderer().render(report)
        ReportFixtures.keepArtifact(json, name: "samples-compare.json")
        ReportFixtures.keepArtifact(html, name: "samples-compare.html")
        #expect(try JSONReportRenderer.decode(json, path: "samples") == report, "JSON round-trips")
    }

    @Test func samplesReportIsTheSameOnAnyThreadCount() throws {
        let one = try JSONReportRenderer().render(try ReportFixtures.samplesCompareReport(threads: 1))
        let three = try JSONReportRenderer().render(try ReportFixtures.samplesCompareReport(threads: 3))
        #expect(one == three)
    }

    /// Every key of the report's JSON is declared in docs/report.schema.json, and every required key
    /// is present (scripts/validate_report.py runs the full JSON Schema validation).
    @Test func topLevelKeysAreInTheSchema() throws {
        let schemaData = try Data(contentsOf: ReportFixtures.url("docs/report.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        for report in [try ReportFixtures.samplesCompareReport(), ReportFixtures.handBuiltReport()] {
            let json = try #require(
                try JSONSerialization.jsonObject(with: try JSONReportRenderer().render(report)) as? [String: Any])
            for key in json.keys { #expect(properties[key] != nil, "\(key) is not in the schema") }
            for key in required { #expect(json[key] != nil, "required \(key) is missing") }
        }
        let version = try #require(properties["schemaVersion"] as? [String: Any])
        #expect(version["const"] as? Int == ForensicReport.currentSchemaVersion)
    }
}
