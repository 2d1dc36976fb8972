import Foundation
import Testing

@Suite struct InspectCommandTests {
    static let formats: [(String, Int)] = [
        ("text.jsonl", 2), ("prompt_response.jsonl", 3), ("openai_chat.jsonl", 3), ("sharegpt.jsonl", 3),
        ("alpaca.jsonl", 2), ("array.json", 2), ("stream.json", 2), ("plain.txt", 1),
    ]

    @Test(arguments: formats)
    func readsEachFormatFromFileGzipAndStdin(file: String, documents: Int) throws {
        for name in [file, file + ".gz"] {
            let path = CommandRunner.fixture("formats/" + name)
            let direct = try CommandRunner.run(["inspect", "--json", path])
            #expect(direct.status == 0, "\(direct.stderr)")
            #expect(try CommandRunner.documentCounts(direct) == [documents])
            // On stdin the container is recognised from the content alone.
            let piped = try CommandRunner.run(["inspect", "--json", "-"], stdinPath: path)
            #expect(piped.status == 0, "\(piped.stderr)")
            #expect(try CommandRunner.documentCounts(piped) == [documents], "\(name) on stdin")
        }
    }

    @Test func readsADirectory() throws {
        let result = try CommandRunner.run(["inspect", "--json", CommandRunner.fixture("dir")])
        #expect(result.status == 0)
        #expect(try CommandRunner.documentCounts(result) == [5])
    }

    @Test func textOutputNamesFormatAndPairs() throws {
        let result = try CommandRunner.run([
            "inspect", CommandRunner.sample("teacher.jsonl.gz"), CommandRunner.sample("student.jsonl.gz"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("jsonl (gzip) — prompt-response 300"))
        #expect(result.stdout.contains("pairs        300 with corpus 1 by id"))
    }

    @Test func jsonIsIdenticalForAnyThreadCount() throws {
        let paths = ["teacher.jsonl.gz", "student.jsonl.gz", "control.jsonl.gz"].map(CommandRunner.sample)
        let one = try CommandRunner.run(["inspect", "--json", "--threads", "1"] + paths)
        let two = try CommandRunner.run(["inspect", "--json", "--threads", "2"] + paths)
        let four = try CommandRunner.run(["inspect", "--json", "--threads", "4"] + paths)
        #expect(one.status == 0)
        #expect(one.stdoutData == two.stdoutData)
        #expect(one.stdoutData == four.stdoutData)
        #expect(try CommandRunner.documentCounts(one) == [300, 300, 300])
    }

    @Test(arguments: [
        ("bad/malformed.jsonl", ":2: malformed record"),
        ("bad/invalid_utf8.jsonl", ":2: invalid UTF-8"),
        ("bad/no_text.jsonl", ":2: no text field"),
        ("bad/truncated.jsonl.gz", "gzip: unexpected end of file"),
        ("bad/empty.jsonl", "empty input"),
        ("bad/emptydir", "holds no corpus files"),
    ])
    func badInputExitsTwoNamingTheInput(fixture: String, message: String) throws {
        let path = CommandRunner.fixture(fixture)
        let result = try CommandRunner.run(["inspect", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingPathExitsTwo() throws {
        let result = try CommandRunner.run(["inspect", "/no/such/file.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/no/such/file.jsonl: no such file or directory"))
    }

    @Test func hugeLineExitsTwo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.jsonl")
        var data = Data("{\"text\": \"".utf8)
        data.append(Data(repeating: UInt8(ascii: "b"), count: 50 << 20))
        data.append(Data("\"}\n".utf8))
        try data.write(to: file)
        let result = try CommandRunner.run(["inspect", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):1: record of"))
        #expect(result.stderr.count < 500)
    }

    @Test func skipInvalidReportsInsteadOfFailing() throws {
        let paths = ["malformed.jsonl", "invalid_utf8.jsonl", "no_text.jsonl"].map {
            CommandRunner.fixture("bad/" + $0)
        }
        let result = try CommandRunner.run(["inspect", "--skip-invalid", "--json", "--threads", "1", paths[0]])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let corpus = try #require((object?["corpora"] as? [[String: Any]])?.first)
        let summary = try #require(corpus["summary"] as? [String: Any])
        #expect(summary["skipped"] as? [String: Int] == ["malformed-json": 1])
        #expect(corpus["documents"] as? Int == 2)
        let text = try CommandRunner.run(["inspect", "--skip-invalid"] + paths)
        #expect(text.status == 0)
        #expect(text.stdout.contains("skipped      1 (malformed-json 1)"))
        #expect(text.stdout.contains("skipped      1 (invalid-utf8 1)"))
        #expect(text.stdout.contains("skipped      1 (missing-text-field 1)"))
    }

    @Test(arguments: [["inspect"], ["inspect", "--threads", "0", "x"], ["inspect", "--nope", "x"], ["frobnicate"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpExitsZero() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("inspect"))
        #expect(result.stdout.contains("compare"))
    }

    @Test func everyCommandIsBuilt() throws {
        let help = try CommandRunner.run(["--help"])
        #expect(!help.stdout.contains("not available"))
        let unknown = try CommandRunner.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    /// Endless input without a newline stops at --max-record-bytes with exit 2 (it used to run forever).
    @Test(.timeLimit(.minutes(5))) func endlessInputStopsAtTheRecordLimit() throws {
        let r = try CommandRunner.run(["inspect", "/dev/zero", "--max-record-bytes", "1000000"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/dev/zero") && r.stderr.contains("over the limit of 1000000 bytes"), "\(r.stderr)")
    }

    /// The library names options by property (`FieldOverrides.textField`); the CLI renders the flag.
    @Test(.timeLimit(.minutes(5))) func libraryErrorsAreRenderedWithTheirFlags() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("no_text.jsonl").path
        try "{\"id\": 1, \"body\": \"x\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let missing = try CommandRunner.run(["inspect", path])
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("--text-field") && !missing.stderr.contains("FieldOverrides"), "\(missing.stderr)")
        let large = try CommandRunner.run(["inspect", "/dev/zero", "--max-record-bytes", "1000"])
        #expect(large.stderr.contains("raise it with --max-record-bytes"), "\(large.stderr)")
        let gamma = try CommandRunner.run([
            "watermark", "detect", CommandRunner.sample("teacher.jsonl.gz"), "--key", "7", "--gamma", "1.5",
        ])
        #expect(gamma.status == 2)
        #expect(gamma.stderr.contains("invalid value for --gamma"), "\(gamma.stderr)")
    }

    /// CSV and Parquet are recognised and refused with what to do (CSV used to be read as one text
    /// document, exit 0; Parquet failed with "invalid UTF-8 (byte 0)").
    @Test func csvAndParquetAreRecognised() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("many.csv").path
        try ("id,text\n" + (0..<1000).map { "\($0),answer number \($0)" }.joined(separator: "\n"))
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let parquet = dir.appendingPathComponent("data.parquet").path
        try Data("PAR1\u{0}\u{0}\u{15}\u{4}".utf8).write(to: URL(fileURLWithPath: parquet))
        for (path, format) in [(csv, "CSV"), (parquet, "Parquet")] {
            let r = try CommandRunner.run(["inspect", path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("\(format) is not read") && r.stderr.contains("JSONL"), "\(r.stderr)")
        }
    }

    /// A mistyped command gets the nearest one, at every level.
    @Test func mistypedCommandsGetASuggestion() throws {
        let top = try CommandRunner.run(["scroe", "x.jsonl"])
        #expect(top.status == 2 && top.stderr.contains("did you mean \"score\"?"), "\(top.stderr)")
        let nested = try CommandRunner.run(["index", "lst"])
        #expect(nested.status == 2 && nested.stderr.contains("did you mean \"list\"?"), "\(nested.stderr)")
        #expect(try CommandRunner.run(["help", "score"]).status == 0)
    }

    /// Commands that keep state per document stop at --max-documents with exit 2 and a sentence
    /// (4 M tiny documents took 6.9 GB in scan); inspect streams and is not limited.
    @Test func documentGuardStopsWithASentence() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tiny.jsonl").path
        try String(repeating: "{\"text\":\"a b\"}\n", count: 3000).write(
            toFile: path, atomically: true, encoding: .utf8)
        for command in [["dedup", path], ["compare", path, path], ["sketch", path, "--out", dir.path + "/s.bin"]] {
            let r = try CommandRunner.run(command + ["--max-documents", "1000"])
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("more than 1000 documents (--max-documents)"), "\(r.stderr)")
        }
        let inspect = try CommandRunner.run(["inspect", path, "--max-documents", "1000"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(try CommandRunner.run(["dedup", path, "--max-documents", "3000"]).status == 0)
    }
}
