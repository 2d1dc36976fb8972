import Foundation
import Testing

@Suite struct WatermarkCommandTests {
    static let teacher = CommandRunner.sample("teacher.jsonl.gz")
    static let student = CommandRunner.sample("student.jsonl.gz")
    static let control = CommandRunner.sample("control.jsonl.gz")
    static let key = "0x7E5C4E12D15711A7"

    private func object(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    private func expectKeyHidden(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in [result.stdout, result.stderr] {
            #expect(!text.lowercased().contains("7e5c4e12d15711a7"), sourceLocation: sourceLocation)
            #expect(!text.contains("9105238389364822439"), sourceLocation: sourceLocation)
        }
    }

    /// Runs the binary with extra environment variables.
    private func run(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ds-wm-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: out)
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "",
            stdoutData: data)
    }

    @Test func teacherTextsAreDetected() throws {
        let result = try CommandRunner.run([
            "watermark", "detect", Self.teacher, "--scheme", "ds-kgw", "--key", Self.key, "--json", "-",
        ])
        #expect(result.status == 1)
        let json = try object(result)
        #expect(try #require(json["medianDocumentLog10P"] as? Double) < -6)
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.count == 300)
        let corpus = try #require(json["corpus"] as? [String: Any])
        #expect(try #require(corpus["log10P"] as? Double) < -100)
        #expect(json["keyFingerprint"] as? String != nil)
        expectKeyHidden(result)
    }

    @Test func tableShowsDocumentsAndTotal() throws {
        let result = try CommandRunner.run(["watermark", "detect", Self.control, "--key", Self.key, "--show", "3"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("q0001") && result.stdout.contains("corpus (distinct tuples)"))
        #expect(result.stdout.contains("… 297 more"))
        #expect(result.stdout.contains("No watermark detected"))
        expectKeyHidden(result)
    }

    @Test func studentIsRadioactiveAndControlIsNot() throws {
        let student = try run(
            ["watermark", "radioactivity", Self.student, "--json", "-"],
            environment: ["DISTILLSCOPE_WATERMARK_KEY": Self.key])
        #expect(student.status == 1)
        let s = try #require(try object(student)["result"] as? [String: Any])
        let sScore = try #require(s["score"] as? [String: Any])
        #expect(try #require(sScore["log10P"] as? Double) < -10)
        // The default prompt filter skips contexts of each document's own prompt only.
        #expect(sScore["scored"] as? Int == 11883 && sScore["green"] as? Int == 4935)
        #expect((s["options"] as? [String: Any])?["promptFilter"] as? String == "document")
        #expect((s["curve"] as? [[String: Any]])?.isEmpty == false)
        expectKeyHidden(student)
        // The corpus-wide rule reproduces the Samples generator's counts (Samples/README.md).
        let corpusWide = try run(
            ["watermark", "radioactivity", Self.student, "--prompt-filter", "corpus", "--json", "-"],
            environment: ["DISTILLSCOPE_WATERMARK_KEY": Self.key])
        let wide = try #require((try object(corpusWide)["result"] as? [String: Any])?["score"] as? [String: Any])
        #expect(wide["scored"] as? Int == 9161 && wide["green"] as? Int == 3794)

        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("ds-key-\(UUID().uuidString)")
        try (Self.key + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: keyFile) }
        let control = try CommandRunner.run([
            "watermark", "radioactivity", Self.control, "--key-file", keyFile.path, "--teacher", Self.teacher,
            "--json", "-",
        ])
        #expect(control.status == 0)
        let c = try #require(try object(control)["result"] as? [String: Any])
        let cScore = try #require(c["score"] as? [String: Any])
        #expect(try #require(cScore["log10P"] as? Double) > -2)
        expectKeyHidden(control)
    }

    /// The HTML report labels γ as the share expected without the watermark, shows the observed share
    /// apart, and draws the threshold at the test's α (it showed "green fraction γ = 0.4141" and p = 1e-2).
    @Test func reportLabelsGammaAndAlpha() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("w.html").path
        let md = dir.appendingPathComponent("w.md").path
        for report in [html, md] {
            let r = try run(
                ["watermark", "radioactivity", Self.student, "--alpha", "0.001", "--report", report],
                environment: ["DISTILLSCOPE_WATERMARK_KEY": Self.key])
            #expect(r.status == 1, "\(r.stderr)")
        }
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("γ = 0.25 (the green share expected without the watermark)"))
        #expect(page.contains("observed green share 0.415"))
        #expect(page.contains("α = 1e-3") && !page.contains("p = 1e-2"))
        #expect(!page.contains("green fraction γ = 0.41"))
        let markdown = try String(contentsOfFile: md, encoding: .utf8)
        #expect(markdown.contains("γ = 0.25") && markdown.contains("Observed green share 0.415"), "\(markdown)")
    }

    @Test func noDedupWarns() throws {
        let result = try CommandRunner.run([
            "watermark", "radioactivity", Self.control, "--key", Self.key, "--no-dedup",
        ])
        #expect(result.stdout.contains("WARNING: --no-dedup"))
    }

    @Test func sameBytesOnAnyThreadCount() throws {
        let one = try CommandRunner.run([
            "watermark", "detect", Self.student, "--key", Self.key, "--threads", "1", "--json", "-",
        ])
        let two = try CommandRunner.run([
            "watermark", "detect", Self.student, "--key", Self.key, "--threads", "2", "--json", "-",
        ])
        #expect(one.status == two.status)
        #expect(one.stdoutData == two.stdoutData && !one.stdoutData.isEmpty)
    }

    @Test func badInputExitsTwo() throws {
        let noKey = try run(
            ["watermark", "detect", Self.control], environment: ["DISTILLSCOPE_WATERMARK_KEY": ""])
        #expect(noKey.status == 2)
        let badKey = try CommandRunner.run(["watermark", "detect", Self.control, "--key", "0xSECRETZZ"])
        #expect(badKey.status == 2 && !badKey.stderr.contains("SECRETZZ"))
        let badGamma = try CommandRunner.run(["watermark", "detect", Self.control, "--key", "1", "--gamma", "1.5"])
        #expect(badGamma.status == 2 && badGamma.stderr.contains("--gamma"))
        let missing = try CommandRunner.run(["watermark", "detect", "/nonexistent/corpus.jsonl", "--key", "1"])
        #expect(missing.status == 2)
        let badTokenizer = try CommandRunner.run([
            "watermark", "detect", Self.control, "--key", "1", "--tokenizer", "/nonexistent/tokenizer.json",
        ])
        #expect(badTokenizer.status == 2)
    }
}

@Suite struct WatermarkTokenModeTests {
    @Test func subwordTokenizerFromTheCommandLine() throws {
        let tokenizer = CommandRunner.fixture("tokenizers/cl100k_base.tiktoken.gz")
        let result = try CommandRunner.run([
            "watermark", "detect", CommandRunner.sample("control.jsonl.gz"), "--key", "7", "--tokenizer", tokenizer,
            "--scheme", "ds-gumbel", "--json", "-",
        ])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(json["tokenization"] as? String == "subword:cl100k_base.tiktoken.gz")
        let corpus = try #require(json["corpus"] as? [String: Any])
        #expect(try #require(corpus["tokens"] as? Int) > 10_000)
        #expect(try #require(corpus["log10P"] as? Double) > -2)
    }
}
