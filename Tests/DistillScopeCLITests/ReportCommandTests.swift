import Foundation
import Testing

/// `compare --report FILE` and `report render`, through the built binary.
@Suite struct ReportCommandTests {
    static let teacher = CommandRunner.sample("teacher.jsonl.gz")
    static let student = CommandRunner.sample("student.jsonl.gz")

    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The report's JSON without what changes from run to run (timings, the command line).
    private func stable(_ data: Data) throws -> [String: Any] {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["timings"] = nil
        object["commandLine"] = nil
        return object
    }

    @Test func compareWritesEachFormatAndRenderReproducesIt() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json").path
        let html = dir.appendingPathComponent("r.html").path
        let markdown = dir.appendingPathComponent("r.md").path
        for path in [json, html, markdown] {
            let result = try CommandRunner.run(["compare", "--quiet", "--report", path, Self.teacher, Self.student])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("N-gram overlap"), "the text report still prints")
        }
        let report = try stable(try Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report["schemaVersion"] as? Int == 1 && report["command"] as? String == "compare")
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["role"] as? String } == ["teacher", "suspect"])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect(report["style"] is [String: Any] && report["identity"] is [String: Any], "style and identity sections")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<mark>") && !page.contains("<script"))

        let rendered = try CommandRunner.run(["report", "render", json, "--format", "html"])
        #expect(rendered.status == 0)
        // Same report apart from the command line and timings, which differ between the two runs.
        let strip = { (s: String) in
            s.split(separator: "\n").filter { !$0.contains("distillscope compare") && !$0.contains("Timings") }
        }
        #expect(strip(rendered.stdout) == strip(page))
        let out = dir.appendingPathComponent("again.md").path
        let toFile = try CommandRunner.run(["report", "render", json, "--out", out])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        let direct = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(strip(try String(contentsOfFile: out, encoding: .utf8)) == strip(direct))
    }

    /// The golden report of DistillReportTests (the overlap section) is what the command writes with
    /// `--no-style`, apart from the run's command line, timings, options, tool version and the input
    /// paths as typed.
    @Test func reportMatchesTheGoldenFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.json").path
        let result = try CommandRunner.run([
            "compare", "--quiet", "--no-style", "--report", path, Self.teacher, Self.student,
        ])
        #expect(result.status == 0)
        var got = try stable(try Data(contentsOf: URL(fileURLWithPath: path)))
        var want = try stable(
            try Data(
                contentsOf: CommandRunner.repositoryRoot.appendingPathComponent(
                    "Tests/DistillReportTests/Snapshots/samples-compare.json")))
        for i in [0, 1] {
            var inputs = try #require(got["inputs"] as? [[String: Any]])
            inputs[i]["path"] = (want["inputs"] as? [[String: Any]])?[i]["path"]
            got["inputs"] = inputs
        }
        got["tool"] = nil
        want["tool"] = nil
        var options = try #require(got["options"] as? [String: Any])
        #expect(options["style"] as? String == "off")
        options["style"] = nil
        got["options"] = options
        #expect(got as NSDictionary == want as NSDictionary)
    }

    @Test func reportIsTheSameOnAnyThreadCount() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var reports: [NSDictionary] = []
        for threads in ["1", "3"] {
            let path = dir.appendingPathComponent("r\(threads).json").path
            let result = try CommandRunner.run(
                ["compare", "--quiet", "--threads", threads, "--report", path, Self.teacher, Self.student])
            #expect(result.status == 0)
            reports.append(try stable(try Data(contentsOf: URL(fileURLWithPath: path))) as NSDictionary)
        }
        #expect(reports[0] == reports[1])
    }

    @Test func badReportPathsAndFilesExitTwo() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = try CommandRunner.run(["compare", "--report", "r.pdf", Self.teacher, Self.student])
        #expect(unknown.status == 2 && unknown.stderr.contains("use .html, .md or .json"))
        let nowhere = dir.appendingPathComponent("missing/r.html").path
        let noDirectory = try CommandRunner.run(["compare", "--report", nowhere, Self.teacher, Self.student])
        #expect(noDirectory.status == 2 && noDirectory.stderr.contains("no such directory"))
        let notReport = dir.appendingPathComponent("x.json")
        try Data("{\"hello\": 1}".utf8).write(to: notReport)
        let bad = try CommandRunner.run(["report", "render", notReport.path, "--format", "md"])
        #expect(bad.status == 2 && bad.stderr.contains("not a distillscope report: no schemaVersion"))
        let missing = try CommandRunner.run([
            "report", "render", dir.appendingPathComponent("none.json").path, "--format", "md",
        ])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"))
        let noFormat = try CommandRunner.run(["report", "render", notReport.path])
        #expect(noFormat.status == 2 && noFormat.stderr.contains("--format"))
    }
}

/// `attribute --report FILE`, through the built binary.
@Suite struct AttributeReportTests {
    @Test func attributeReportCarriesVerdictsSharesAndDistances() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-attr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("a.json").path
        let result = try CommandRunner.run([
            "attribute", "--quiet", "--bootstrap", "200", "--report", json, CommandRunner.sample("student.jsonl.gz"),
            "--ref", "teacher=" + CommandRunner.sample("teacher.jsonl.gz"),
            "--ref", "control=" + CommandRunner.sample("control.jsonl.gz"),
        ])
        #expect(result.status == 1, "attributed: exit 1 (\(result.stderr))")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(object["command"] as? String == "attribute")
        let verdicts = try #require(object["verdicts"] as? [[String: Any]])
        #expect(verdicts.map { $0["reference"] as? String } == ["teacher", "control"])
        #expect(verdicts.map { $0["decision"] as? String } == ["derived", "not-derived"])
        let shares = try #require((object["attribution"] as? [String: Any])?["shares"] as? [[String: Any]])
        #expect((shares.first?["share"] as? Double ?? 0) > 0.9)
        let distances = try #require((object["style"] as? [String: Any])?["distances"] as? [[String: Any]])
        #expect(distances.count == 2)
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.count == 3 && inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    }
}

/// `watermark radioactivity --report FILE`: the curve and the verdict, and never the key.
@Suite struct WatermarkReportTests {
    @Test func radioactivityReportHasTheCurveAndNoKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-wm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["w.json", "w.html", "w.md"] {
            let path = dir.appendingPathComponent(name).path
            let result = try CommandRunner.run([
                "watermark", "radioactivity", "--quiet", "--key", "0x7E5C4E12D15711A7", "--report", path,
                CommandRunner.sample("student.jsonl.gz"),
            ])
            #expect(result.status == 1, "radioactive: exit 1 (\(result.stderr))")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.uppercased().contains("7E5C4E12D15711A7"), "the key never reaches a report (\(name))")
        }
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("w.json")))
                as? [String: Any])
        let points = try #require((object["watermark"] as? [String: Any])?["radioactivity"] as? [[String: Any]])
        #expect(points.count >= 5)
        #expect((points.last?["log10P"] as? Double ?? 0) < -10)
        let verdicts = try #require(object["verdicts"] as? [[String: Any]])
        #expect(verdicts.first?["decision"] as? String == "derived")
    }
}

/// `score --report` and `scan --report`: the store's verdicts as report verdicts.
@Suite struct VerdictReportTests {
    @Test func scoreAndScanReportsCarryTheVerdicts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        for name in ["teacher", "control"] {
            let added = try CommandRunner.run([
                "index", "add", name, CommandRunner.sample("\(name).jsonl.gz"), "--store", store, "--quiet",
            ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let scoreJSON = dir.appendingPathComponent("score.json").path
        let scored = try CommandRunner.run([
            "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--quiet", "--report", scoreJSON,
        ])
        #expect(scored.status == 1, "a parent found: exit 1 (\(scored.stderr))")
        let score = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scoreJSON))) as? [String: Any])
        #expect(score["command"] as? String == "score")
        let verdicts = try #require(score["verdicts"] as? [[String: Any]])
        let teacher = try #require(verdicts.first { $0["reference"] as? String == "teacher" })
        #expect(teacher["decision"] as? String == "derived")
        #expect((teacher["pValue"] as? Double ?? 1) < 1e-6)
        #expect(verdicts.first { $0["reference"] as? String == "control" }?["decision"] as? String == "not-derived")

        let scanHTML = dir.appendingPathComponent("scan.html").path
        let scanned = try CommandRunner.run([
            "scan", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--quiet", "--report", scanHTML,
        ])
        #expect(scanned.status == 1, "\(scanned.stderr)")
        let page = try String(contentsOfFile: scanHTML, encoding: .utf8)
        #expect(page.contains("teacher in ") && !page.contains("<script"))
    }

    /// The score report carries the evidence the terminal shows, in every format: suspect-against-null
    /// rates (a chart in HTML), the paired comparisons, and passages (paired ones next to the
    /// reference's answer to the same prompt). It used to hold only the verdict table.
    @Test func scoreReportHoldsTheEvidenceInEveryFormat() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let student = CommandRunner.sample("student.jsonl.gz")
        for ext in ["html", "md", "json"] {
            let path = dir.appendingPathComponent("score.\(ext)").path
            let r = try CommandRunner.run(["score", student, "--store", store, "--report", path])
            #expect(r.status == 1, "\(r.stderr)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            switch ext {
            case "html":
                #expect(text.contains("Suspect against the null") && text.contains("<svg"))
                #expect(text.contains("Paired per-prompt comparisons") && text.contains("same prompt"))
                #expect(text.contains("<mark>! Let me break down sailing for you."), "exact n-gram passage marked")
            case "md":
                #expect(text.contains("| ngram-8 | 94.7% | 7.0% |"), "\(text)")
                #expect(text.contains("Evidence passages") && text.contains("same prompt"))
            default:
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                let verdicts = object?["verdicts"] as? [[String: Any]] ?? []
                let teacher = verdicts.first { $0["reference"] as? String == "teacher" }
                let signals = teacher?["signals"] as? [[String: Any]] ?? []
                let ngram = signals.first { $0["name"] as? String == "ngram-13" }
                #expect((ngram?["passages"] as? [[String: Any]])?.isEmpty == false)
                #expect(ngram?["nullRate"] as? Double != nil && ngram?["suspectRate"] as? Double != nil)
                let lexical = signals.first { $0["name"] as? String == "paired-lexical" }
                #expect((lexical?["comparisons"] as? [[String: Any]])?.first?["wins"] as? Int == 295)
                #expect((lexical?["referencePassages"] as? [[String: Any]])?.isEmpty == false)
            }
        }
    }
}
