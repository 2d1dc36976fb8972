import Foundation
import Testing

/// End to end: `scan --baseline` reports and fails on new findings only, and refuses baselines it
/// cannot trust with exit 2.
@Suite struct ScanBaselineTests {
    /// A store of teacher and control, and `data/student.jsonl` (the Samples' student, decompressed) in
    /// a scratch directory that is the working directory of every run.
    static func setUp() throws -> (dir: URL, store: String) {
        let dir = try StoreCommandTests.scratch()
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try shell("gzip -dc \"$1\" > data/student.jsonl", CommandRunner.sample("student.jsonl.gz"), in: dir)
        return (dir, store)
    }

    /// Runs `sh -c command` with `argument` as `$1` in `dir`; expects exit 0.
    static func shell(
        _ command: String, _ argument: String = "", in dir: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command, "sh", argument]
        p.currentDirectoryURL = dir
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(command)", sourceLocation: sourceLocation)
    }

    static func scan(_ arguments: [String], store: String, in dir: URL) throws -> CommandResult {
        try CommandRunner.run(["scan", "data", "--store", store, "--quiet"] + arguments, directory: dir.path)
    }

    static func report(_ r: CommandResult) throws -> (findings: [String: [String]], baseline: [String: Any]?) {
        let json = try StoreCommandTests.json(r.stdoutData)
        var out: [String: [String]] = [:]
        for file in try #require(json["files"] as? [[String: Any]]) {
            let findings = try #require(file["findings"] as? [[String: Any]])
            out[file["path"] as? String ?? ""] = findings.compactMap { $0["signal"] as? String }.sorted()
        }
        return (out, json["baseline"] as? [String: Any])
    }

    @Test(arguments: ["json", "sarif"])
    func onlyNewFindingsAfterLinesMoveAndAFileIsAdded(baselineFormat: String) throws {
        let s = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let first = try Self.scan(
            ["--format", baselineFormat, "--output", "previous.\(baselineFormat)"], store: s.store, in: s.dir)
        #expect(first.status == 1, "\(first.stderr)")
        let full = try Self.report(try Self.scan(["--format", "json"], store: s.store, in: s.dir))
        let known = try #require(full.findings["data/student.jsonl"])
        #expect(known.count >= 2)

        // Same data: everything is in the baseline, exit 0, and the report says how many were left out.
        let same = try Self.scan(
            ["--baseline", "previous.\(baselineFormat)", "--format", "json"], store: s.store, in: s.dir)
        #expect(same.status == 0, "\(same.stderr)")
        let sameReport = try Self.report(same)
        #expect(sameReport.findings["data/student.jsonl"] == [])
        #expect(sameReport.baseline?["suppressed"] as? Int == known.count)
        #expect(sameReport.baseline?["findings"] as? Int == known.count)

        // Lines move: a clean document and a blank line above every record. Still nothing new.
        try Self.shell(
            "{ printf '%s\\n\\n' '{\"id\": \"new-1\", \"text\": \"a note about gardening and the weather\"}'; "
                + "cat data/student.jsonl; } > moved && mv moved data/student.jsonl", in: s.dir)
        let moved = try Self.scan(
            ["--baseline", "previous.\(baselineFormat)", "--format", "json"], store: s.store, in: s.dir)
        #expect(moved.status == 0, "\(moved.stdout)\(moved.stderr)")
        #expect(try Self.report(moved).findings["data/student.jsonl"] == [])

        // A new distilled file: only its findings are reported, and they fail the run.
        try Self.shell("gzip -dc \"$1\" > data/teacher-copy.jsonl", CommandRunner.sample("teacher.jsonl.gz"), in: s.dir)
        let added = try Self.scan(
            ["--baseline", "previous.\(baselineFormat)", "--format", "json"], store: s.store, in: s.dir)
        #expect(added.status == 1)
        let addedReport = try Self.report(added)
        #expect(addedReport.findings["data/student.jsonl"] == [])
        #expect(!(addedReport.findings["data/teacher-copy.jsonl"] ?? []).isEmpty)
        #expect(addedReport.baseline?["suppressed"] as? Int == known.count)

        // Text and SARIF say so too.
        let text = try Self.scan(["--baseline", "previous.\(baselineFormat)"], store: s.store, in: s.dir)
        #expect(text.stdout.contains("\(known.count) more it holds are not reported"))
        let sarif = try Self.scan(
            ["--baseline", "previous.\(baselineFormat)", "--format", "sarif"], store: s.store, in: s.dir)
        let run = try #require((try StoreCommandTests.json(sarif.stdoutData)["runs"] as? [[String: Any]])?.first)
        let baseline = (run["properties"] as? [String: Any])?["baseline"] as? [String: Any]
        #expect(baseline?["suppressed"] as? Int == known.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty && results.allSatisfy { $0["baselineState"] as? String == "new" })
    }

    @Test func unusableBaselinesExitTwo() throws {
        let s = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let full = try Self.scan(["--format", "json", "--output", "full.json"], store: s.store, in: s.dir)
        #expect(full.status == 1)
        let filtered = try Self.scan(
            ["--format", "json", "--output", "filtered.json", "--baseline", "full.json"], store: s.store, in: s.dir)
        #expect(filtered.status == 0, "\(filtered.stderr)")
        var unfingerprinted = try StoreCommandTests.json(
            try Data(contentsOf: s.dir.appendingPathComponent("full.json")))
        var files = try #require(unfingerprinted["files"] as? [[String: Any]])
        var findings = try #require(files[0]["findings"] as? [[String: Any]])
        findings[0]["fingerprint"] = nil
        files[0]["findings"] = findings
        unfingerprinted["files"] = files
        try JSONSerialization.data(withJSONObject: unfingerprinted).write(to: s.dir.appendingPathComponent("old.json"))
        try Data("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"semgrep\"}}, \"results\": []}]}".utf8)
            .write(to: s.dir.appendingPathComponent("other.sarif"))
        try Data("{\"command\": \"score\"}".utf8).write(to: s.dir.appendingPathComponent("score.json"))
        try Data("{\"runs\": [".utf8).write(to: s.dir.appendingPathComponent("cut.sarif"))
        for (file, reason) in [
            ("missing.json", "no such file"), ("cut.sarif", "not JSON"), ("score.json", "neither a `scan` JSON report"),
            ("other.sarif", "runs[0] was written by semgrep, not distillscope"),
            ("old.json", "files[0].findings[0] has no distillscopeFinding/v1"),
            ("filtered.json", "it was itself filtered by a baseline"),
        ] {
            let r = try Self.scan(["--baseline", file], store: s.store, in: s.dir)
            #expect(r.status == 2, "\(file): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(file): not a usable baseline: \(reason)"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let noRoot = try Self.scan(["--source-root", "nowhere"], store: s.store, in: s.dir)
        #expect(noRoot.status == 2)
        #expect(noRoot.stderr.contains("nowhere"))
    }
}
