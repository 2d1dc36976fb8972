import Foundation
import Testing

/// `scan --format sarif` against GitHub code scanning's upload rules (docs.github.com, "SARIF support
/// for code scanning"): one location per result, the rest related locations; `partialFingerprints`
/// stable across runs, thread counts, working directories and unrelated files; URIs relative to the
/// source root on `%SRCROOT%`; lines in `.gz` files counted in the decompressed text, and said so.
@Suite struct ScanSARIFTests {
    static let hex = Set("0123456789abcdef")

    static func sarifRun(_ r: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any]
    {
        #expect(r.status == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        let log = try StoreCommandTests.json(r.stdoutData)
        #expect(log["version"] as? String == "2.1.0", sourceLocation: sourceLocation)
        let runs = try #require(log["runs"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(runs.count == 1, sourceLocation: sourceLocation)
        return runs[0]
    }

    static func fingerprints(_ run: [String: Any]) -> [String] {
        ((run["results"] as? [[String: Any]]) ?? []).map {
            ($0["partialFingerprints"] as? [String: String])?["distillscopeFinding/v1"] ?? ""
        }
    }

    @Test func followsGitHubUploadRules() throws {
        let s = try ScanBaselineTests.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        try FileManager.default.removeItem(at: s.dir.appendingPathComponent("data/student.jsonl"))
        try FileManager.default.copyItem(
            atPath: CommandRunner.sample("student.jsonl.gz"),
            toPath: s.dir.appendingPathComponent("data/student.jsonl.gz").path)
        try StoreCommandTests.writeCorpus(s.dir.appendingPathComponent("data/a-clean.jsonl"), documents: 40, seed: 3)
        try ScanBaselineTests.shell("gzip -dc data/student.jsonl.gz > student-plain.txt", in: s.dir)
        let decompressed = try String(contentsOf: s.dir.appendingPathComponent("student-plain.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)

        let one = try CommandRunner.run(
            ["scan", "data", "--store", s.store, "--format", "sarif", "--threads", "1", "--quiet"],
            directory: s.dir.path)
        let run = try Self.sarifRun(one)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty && results.count <= 25_000)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let ruleIDs = Set(((driver["rules"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        let base = try #require(
            ((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String)
        #expect(base.hasPrefix("file:///") && base.hasSuffix("/"))
        let root = try #require(URL(string: base)).path
        #expect(
            URL(fileURLWithPath: root).resolvingSymlinksInPath().path == s.dir.resolvingSymlinksInPath().path,
            "\(base)")

        for result in results {
            #expect(ruleIDs.contains(result["ruleId"] as? String ?? ""))
            let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(!message.isEmpty)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let related = (result["relatedLocations"] as? [[String: Any]]) ?? []
            #expect(related.count <= 1000)
            #expect(Set(related.compactMap { $0["id"] as? Int }).count == related.count)
            #expect(related.allSatisfy { ($0["id"] as? Int ?? 0) > 0 && $0["message"] != nil })
            for location in locations + related {
                let physical = try #require(location["physicalLocation"] as? [String: Any])
                let artifact = try #require(physical["artifactLocation"] as? [String: Any])
                let uri = try #require(artifact["uri"] as? String)
                #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
                #expect(!uri.hasPrefix("/") && !uri.contains("://") && !uri.hasPrefix("./"), "\(uri)")
                #expect(FileManager.default.fileExists(atPath: root + "/" + (uri.removingPercentEncoding ?? uri)))
                #expect(uri == "data/student.jsonl.gz")
                let line = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
                #expect(line >= 1 && line <= decompressed.count)
            }
            // The file is gzip-compressed: the result says its lines are those of the decompressed text.
            #expect((result["properties"] as? [String: Any])?["decompressedLineNumbers"] as? Bool == true)
            #expect(message.contains("decompressed"))
            let fingerprint = try #require(
                (result["partialFingerprints"] as? [String: String])?["distillscopeFinding/v1"])
            #expect(fingerprint.count == 64 && fingerprint.allSatisfy { Self.hex.contains($0) })
        }
        let ones = Self.fingerprints(run)
        #expect(Set(ones).count == ones.count)

        // Each evidence line, in the decompressed text, is the record of the evidence's document; and
        // the JSON report carries the same fingerprints.
        let json = try StoreCommandTests.json(
            try CommandRunner.run(
                ["scan", "data", "--store", s.store, "--format", "json", "--quiet"], directory: s.dir.path
            ).stdoutData)
        let files = try #require(json["files"] as? [[String: Any]])
        let findings = files.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
        #expect(findings.compactMap { $0["fingerprint"] as? String } == ones)
        var checkedLines = 0
        for finding in findings {
            for e in (finding["evidence"] as? [[String: Any]]) ?? [] {
                let line = try #require(e["line"] as? Int)
                let id = try #require(e["documentID"] as? String)
                #expect(decompressed[line - 1].contains("\"id\": \"\(id)\""), "line \(line), document \(id)")
                checkedLines += 1
            }
        }
        #expect(checkedLines > 4)

        // Two threads, absolute input paths, another working directory, --source-root: the same bytes.
        let elsewhere = try CommandRunner.run(
            [
                "scan", s.dir.appendingPathComponent("data").path, "--store", s.store, "--format", "sarif", "--threads",
                "2", "--source-root", s.dir.path, "--quiet",
            ], directory: "/")
        #expect(elsewhere.stdoutData == one.stdoutData)

        // An unrelated file added to the scan leaves the fingerprints alone.
        try StoreCommandTests.writeCorpus(s.dir.appendingPathComponent("data/b-other.jsonl"), documents: 30, seed: 9)
        let more = try CommandRunner.run(
            ["scan", "data", "--store", s.store, "--format", "sarif", "--quiet"], directory: s.dir.path)
        #expect(Self.fingerprints(try Self.sarifRun(more)) == ones)

        // Outside the source root: absolute file URIs, no uriBaseId.
        let outside = try CommandRunner.run(
            ["scan", "data", "--store", s.store, "--format", "sarif", "--source-root", "/usr", "--quiet"],
            directory: s.dir.path)
        let outsideResults = try #require(try Self.sarifRun(outside)["results"] as? [[String: Any]])
        let artifact =
            ((outsideResults.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any]
        #expect((artifact?["uri"] as? String)?.hasPrefix("file:///") == true)
        #expect(artifact?["uriBaseId"] == nil)
    }
}
