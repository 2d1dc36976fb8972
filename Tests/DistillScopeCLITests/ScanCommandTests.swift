import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// End to end: `scan` exit codes and its SARIF and JUnit renderings.
@Suite struct ScanCommandTests {
    /// A store of teacher and student, and a data folder holding the control (clean) and a copy of
    /// the student (distilled).
    static func setUp() throws -> (dir: URL, store: String, clean: String, dirty: String) {
        let dir = try StoreCommandTests.scratch()
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let dirty = data.appendingPathComponent("b-student.jsonl.gz").path
        try FileManager.default.copyItem(atPath: CommandRunner.sample("student.jsonl.gz"), toPath: dirty)
        // Clean: the teacher's prompts answered by random text.
        let clean = data.appendingPathComponent("a-clean.jsonl")
        try StoreCommandTests.writeCorpus(clean, documents: 40, seed: 3)
        return (dir, store, clean.path, dirty)
    }

    @Test func exitCodesEndToEnd() throws {
        let s = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let clean = try CommandRunner.run(["scan", s.clean, "--store", s.store])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        let dirty = try CommandRunner.run(["scan", s.clean, s.dirty, "--store", s.store])
        #expect(dirty.status == 1)
        #expect(dirty.stdout.contains("b-student.jsonl.gz:"))
        #expect(dirty.stdout.contains("teacher"))
        let allowed = try CommandRunner.run(["scan", s.dirty, "--store", s.store, "--fail-on", "none"])
        #expect(allowed.status == 0)
        let config = s.dir.appendingPathComponent("allow.toml")
        try Data("[ignore]\nallowed-sources = [\"teacher\"]\n".utf8).write(to: config)
        let viaConfig = try CommandRunner.run(["scan", s.dirty, "--store", s.store, "--config", config.path])
        #expect(viaConfig.status == 0, "\(viaConfig.stdout)\(viaConfig.stderr)")
        let bad = s.dir.appendingPathComponent("bad.toml")
        try Data("[thresholds\nalpha = 0.5\n".utf8).write(to: bad)
        let badConfig = try CommandRunner.run(["scan", s.dirty, "--store", s.store, "--config", bad.path])
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("bad.toml:1"))
        for args in [
            ["scan", s.dir.appendingPathComponent("nope.jsonl").path, "--store", s.store],
            ["scan", s.dirty, "--store", s.store, "--format", "xml"],
            ["scan", s.dirty],
        ] {
            #expect(try CommandRunner.run(args).status == 2, "\(args)")
        }
    }

    @Test func sarifAndJUnitRenderings() throws {
        let s = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let sarif = try CommandRunner.run(["scan", s.clean, s.dirty, "--store", s.store, "--format", "sarif"])
        #expect(sarif.status == 1)
        let log = try StoreCommandTests.json(sarif.stdoutData)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(
            results.allSatisfy {
                let rule = $0["ruleId"] as? String ?? ""
                return rule.hasPrefix("ngram") || rule.hasPrefix("paired-") || rule == "near-duplicate"
            })

        let junit = try CommandRunner.run(["scan", s.clean, s.dirty, "--store", s.store, "--format", "junit"])
        #expect(junit.status == 1)
        let document = try XMLDocument(data: junit.stdoutData)
        let suite = try #require(try document.nodes(forXPath: "//testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "2")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        let failures = try document.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 1)
        let failed = try document.nodes(forXPath: "//testcase[failure]/@name").map { $0.stringValue ?? "" }
        #expect(failed == [s.dirty])
    }
}

/// End to end: `scan` with the identity and watermark signals.
@Suite struct ScanSignalCommandTests {
    @Test func watermarkAndIdentityBecomeFindings() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        for args in [
            [
                "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--identity-patterns",
                CommandRunner.sample("identity-patterns.json"), "--watermark-key", StoreSignalCommandTests.keyHex,
            ],
            ["index", "add", "control", CommandRunner.sample("control.jsonl.gz")],
        ] {
            let r = try CommandRunner.run(args + ["--store", store, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let json = try CommandRunner.run([
            "scan", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--format", "json", "--fail-on",
            "watermark,identity", "--watermark-key", StoreSignalCommandTests.keyHex,
        ])
        #expect(json.status == 1, "\(json.stderr)")
        let report = try StoreCommandTests.json(json.stdoutData)
        let files = try #require(report["files"] as? [[String: Any]])
        let findings = try #require(files.first?["findings"] as? [[String: Any]])
        let signals = Set(findings.compactMap { $0["signal"] as? String })
        #expect(signals.isSuperset(of: ["watermark", "identity", "ngram-8"]))
        #expect(!signals.contains("style"))
        let failing = findings.filter { $0["failing"] as? Bool == true }.compactMap { $0["signal"] as? String }
        #expect(Set(failing) == ["watermark", "identity"])
        // Only the control's signals: nothing fails.
        let clean = try CommandRunner.run([
            "scan", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--fail-on", "watermark",
            "--watermark-key", StoreSignalCommandTests.keyHex, "--format", "json",
        ])
        #expect(clean.status == 0, "\(clean.stderr)")
        let cleanFindings = try #require(
            (try StoreCommandTests.json(clean.stdoutData)["files"] as? [[String: Any]])?.first?["findings"]
                as? [[String: Any]])
        #expect(!cleanFindings.contains { $0["signal"] as? String == "watermark" })
    }
}
