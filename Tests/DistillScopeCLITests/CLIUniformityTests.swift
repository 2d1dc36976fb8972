import Foundation
import Testing

/// End to end: the options a new user expects work on every command — `--json [FILE|-]` (a bare
/// `--json` is standard output), `--quiet` and `--threads` everywhere, `--output` as the one name for
/// an output file (`--out` still read), `scan -` from standard input.
@Suite struct CLIUniformityTests {
    static let student = CommandRunner.sample("student.jsonl.gz")

    static func isJSON(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }

    @Test func jsonTakesAFileOrStandardOutputEverywhere() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--quiet", "--json",
        ])
        #expect(add.status == 0 && Self.isJSON(add.stdoutData), "\(add.stdout)\(add.stderr)")
        _ = try StoreCommandTests.sampleStore(["control"], in: dir)
        let commands: [[String]] = [
            ["inspect", Self.student], ["inspect", "--json", Self.student, "--threads", "2"],
            ["index", "list", "--store", store], ["index", "verify", "--store", store],
        ]
        for command in commands {
            // Bare --json at the end, --json -, and --json FILE.
            let bare = try CommandRunner.run(command + (command.contains("--json") ? [] : ["--json"]))
            #expect(bare.status == 0 && Self.isJSON(bare.stdoutData), "\(command): \(bare.stdout)\(bare.stderr)")
            if command.contains("--json") { continue }
            let dash = try CommandRunner.run(command + ["--json", "-"])
            #expect(dash.status == 0 && Self.isJSON(dash.stdoutData), "\(command)")
            let file = dir.appendingPathComponent("out-\(command[0]).json").path
            let written = try CommandRunner.run(command + ["--json", file])
            #expect(written.status == 0, "\(command): \(written.stderr)")
            #expect(Self.isJSON(try Data(contentsOf: URL(fileURLWithPath: file))), "\(command)")
        }
        // A bare --json before an existing corpus never takes the corpus as its output file.
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.student))
        let r = try CommandRunner.run(["inspect", "--json", Self.student])
        #expect(r.status == 0 && Self.isJSON(r.stdoutData))
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.student)) == before)
    }

    /// A bare --json before a JSON corpus reads the corpus (never overwrites it); before a report this
    /// tool wrote earlier it replaces the report.
    @Test func bareJSONNeverTakesACorpusForItsFile() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("array.json").path
        try FileManager.default.copyItem(atPath: CommandRunner.fixture("formats/array.json"), toPath: corpus)
        let before = try Data(contentsOf: URL(fileURLWithPath: corpus))
        let r = try CommandRunner.run(["inspect", "--json", corpus, CommandRunner.fixture("formats/text.jsonl")])
        #expect(r.status == 0 && Self.isJSON(r.stdoutData), "\(r.stderr)")
        #expect(try CommandRunner.documentCounts(r) == [2, 2])
        #expect(try Data(contentsOf: URL(fileURLWithPath: corpus)) == before)
        let report = dir.appendingPathComponent("old.json").path
        for _ in 0..<2 {
            let c = try CommandRunner.run(["compare", "--json", report, Self.student, Self.student])
            #expect(c.status == 0, "\(c.stderr)")
        }
        #expect(Self.isJSON(try Data(contentsOf: URL(fileURLWithPath: report))))
    }

    @Test func quietAndThreadsAndOutputEverywhere() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let exported = dir.appendingPathComponent("export.db").path
        let report = dir.appendingPathComponent("r.json").path
        #expect(try CommandRunner.run(["score", Self.student, "--store", store, "--report", report]).status == 1)
        let commands: [[String]] = [
            ["index", "list", "--store", store], ["index", "verify", "--store", store],
            ["index", "set", "control", "--family", "other", "--store", store],
            ["index", "export", exported, "--store", store],
            ["index", "import", exported, "--store", dir.appendingPathComponent("other.db").path],
            ["index", "remove", "control", "--store", dir.appendingPathComponent("other.db").path],
            ["report", "render", report, "--output", dir.appendingPathComponent("r.html").path],
            ["sketch", Self.student, "--output", dir.appendingPathComponent("s.bin").path],
        ]
        for command in commands {
            let r = try CommandRunner.run(command + ["--quiet", "--threads", "2"])
            #expect(r.status == 0, "\(command): \(r.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.bin").path))
        // The old spelling still works.
        let old = try CommandRunner.run([
            "report", "render", report, "--out", dir.appendingPathComponent("r2.md").path,
        ])
        #expect(old.status == 0, "\(old.stderr)")
    }

    /// Progress covers the scoring stages after the read (it stopped at the read's 96% before).
    @Test func progressCoversEveryScoringStage() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let r = try CommandRunner.run(["score", Self.student, "--store", store, "--progress", "always"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("stage 1 of ") && r.stderr.contains("ngram-8"), "\(r.stderr)")
        #expect(r.stderr.contains(": verdict") && r.stderr.contains("ETA"), "\(r.stderr)")
    }

    @Test func scanReadsStandardInput() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let r = try CommandRunner.run(["scan", "-", "--store", store, "--format", "json"], stdinPath: Self.student)
        #expect(r.status == 1, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.first?["documents"] as? Int == 300)
    }
}
