import DistillCore
import Foundation
import Testing

@Suite struct CompareCommandTests {
    static let teacher = CommandRunner.sample("teacher.jsonl.gz")
    static let student = CommandRunner.sample("student.jsonl.gz")
    static let control = CommandRunner.sample("control.jsonl.gz")

    private func overlap(_ result: CommandResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        return try #require(object?["overlap"] as? [String: Any])
    }

    private func containment(_ overlap: [String: Any], n: Int) throws -> Double {
        let widths = try #require(overlap["widths"] as? [[String: Any]])
        let width = try #require(widths.first { $0["n"] as? Int == n })
        return try #require(width["corpusContainment"] as? Double)
    }

    @Test func studentSharesSpansWithTheTeacherAndTheControlDoesNot() throws {
        let student = try CommandRunner.run(["compare", "--json", "-", Self.teacher, Self.student])
        let control = try CommandRunner.run(["compare", "--json", "-", Self.teacher, Self.control])
        #expect(student.status == 0 && control.status == 0)
        let s = try overlap(student)
        let c = try overlap(control)
        #expect(try containment(s, n: 13) > 0.005)
        #expect(try containment(c, n: 13) == 0)
        #expect(s["pairing"] as? String == "id" && s["pairs"] as? Int == 300)
        let widths = try #require(s["widths"] as? [[String: Any]])
        let evidence = try #require(widths.last?["evidence"] as? [[String: Any]])
        #expect(!evidence.isEmpty)
        #expect((evidence.first?["tokens"] as? Int ?? 0) >= 13)
    }

    /// Every quoted passage is exactly what is shared: both sides normalise to the same tokens, as many
    /// as the passage says; on the Samples and on a student whose runs join two places of the teacher.
    @Test func everyShownPassageIsTokenForTokenIdentical() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let teacherPath = dir.appendingPathComponent("teacher.jsonl").path
        let studentPath = dir.appendingPathComponent("student.jsonl").path
        // "a b c … " then "x y z …": the student's run joins the end of one teacher answer to the start
        // of another, so its shared windows match two different places.
        let first = (0..<30).map { "alpha\($0)" }.joined(separator: " ")
        let second = (0..<30).map { "omega\($0)" }.joined(separator: " ")
        try "{\"id\":\"t1\",\"text\":\"Intro. \(first) END\"}\n{\"id\":\"t2\",\"text\":\"\(second) tail\"}\n"
            .write(toFile: teacherPath, atomically: true, encoding: .utf8)
        try "{\"id\":\"s1\",\"text\":\"**Tip:** \(first) \(second)\"}\n"
            .write(toFile: studentPath, atomically: true, encoding: .utf8)
        let cases = [[Self.teacher, Self.student], [teacherPath, studentPath]]
        let tokens = { (text: String) -> [String] in
            let trimmed = text.hasSuffix("…") ? String(text.dropLast()) : text
            return WordTokenizer.strings(of: TextNormalizer(options: .standard).normalize(trimmed))
        }
        var checked = 0
        for paths in cases {
            let result = try CommandRunner.run(["compare", "--json", "-"] + paths)
            #expect(result.status == 0)
            let widths = try #require(try overlap(result)["widths"] as? [[String: Any]])
            for width in widths {
                for e in width["evidence"] as? [[String: Any]] ?? [] {
                    let s = try #require(e["suspectText"] as? String)
                    let r = try #require(e["referenceText"] as? String)
                    #expect(tokens(s) == tokens(r), "\(s) | \(r)")
                    let count = try #require(e["tokens"] as? Int)
                    #expect(s.hasSuffix("…") || tokens(s).count == count)
                    #expect((e["suspectEnd"] as? Int ?? 0) - (e["suspectStart"] as? Int ?? 0) == count)
                    #expect((e["referenceEnd"] as? Int ?? 0) - (e["referenceStart"] as? Int ?? 0) == count)
                    checked += 1
                }
            }
            if paths[0] != Self.teacher {
                // The joined run is shown as its two exact halves' larger one, never as one passage.
                let quotes = widths.flatMap {
                    ($0["evidence"] as? [[String: Any]] ?? []).compactMap { $0["suspectText"] as? String }
                }
                #expect(!quotes.isEmpty)
                #expect(quotes.allSatisfy { !($0.contains("alpha29") && $0.contains("omega0")) })
            }
        }
        #expect(checked > 10)
    }

    /// The README's first command says in one sentence whether the suspect looks derived, with the
    /// identity claims the Samples' patterns find; the control gets "No sign".
    @Test func firstLineSaysWhetherTheSuspectLooksDerived() throws {
        let patterns = CommandRunner.sample("identity-patterns.json")
        let student = try CommandRunner.run(["compare", Self.teacher, Self.student, "--identity-patterns", patterns])
        let line = student.stdout.split(separator: "\n").first {
            $0.hasPrefix("The suspect") || $0.hasPrefix("No sign")
        }
        #expect(line?.hasPrefix("The suspect looks derived from the teacher: ") == true, "\(student.stdout)")
        #expect(line?.contains("names itself TeacherLM / Example Labs, as the teacher does") == true)
        #expect(line?.contains("passages of 13+ tokens") == true)
        let control = try CommandRunner.run(["compare", Self.teacher, Self.control, "--identity-patterns", patterns])
        #expect(control.stdout.contains("No sign that the suspect was derived from the teacher"), "\(control.stdout)")
        let json = try JSONSerialization.jsonObject(
            with: try CommandRunner.run(["compare", "--json", "-", Self.teacher, Self.control]).stdoutData)
        #expect(((json as? [String: Any])?["summary"] as? String)?.hasPrefix("No sign") == true)
    }

    /// `compare TEACHER -` gives the same overlap, style and identity as the file: standard input is
    /// spooled, so the style pass (a second read) sees it too (it used to see nothing).
    @Test func standardInputIsReadByEveryPass() throws {
        let patterns = CommandRunner.sample("identity-patterns.json")
        let fromFile = try CommandRunner.run([
            "compare", "--json", "-", Self.teacher, Self.student, "--identity-patterns", patterns,
        ])
        let fromStdin = try CommandRunner.run(
            ["compare", "--json", "-", Self.teacher, "-", "--identity-patterns", patterns], stdinPath: Self.student)
        #expect(fromFile.status == 0 && fromStdin.status == 0, "\(fromStdin.stderr)")
        let a = try JSONSerialization.jsonObject(with: fromFile.stdoutData) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: fromStdin.stdoutData) as? [String: Any]
        for key in ["overlap", "style", "identity", "summary"] {
            let x = try JSONSerialization.data(
                withJSONObject: a?[key] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
            let y = try JSONSerialization.data(
                withJSONObject: b?[key] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
            #expect(x == y, "\(key) differs when the suspect comes on standard input")
        }
        let twice = try CommandRunner.run(["compare", "-", "-"], stdinPath: Self.student)
        #expect(twice.status == 2 && twice.stderr.contains("standard input (-) can be only one"), "\(twice.stderr)")
    }

    @Test func jsonIsIdenticalForAnyThreadCount() throws {
        let one = try CommandRunner.run(["compare", "--threads", "1", "--json", "-", Self.teacher, Self.student])
        let two = try CommandRunner.run(["compare", "--threads", "2", "--json", "-", Self.teacher, Self.student])
        let five = try CommandRunner.run(["compare", "--threads", "5", "--json", "-", Self.teacher, Self.student])
        #expect(one.status == 0)
        #expect(one.stdoutData == two.stdoutData)
        #expect(one.stdoutData == five.stdoutData)
    }

    @Test func textReportNamesTheSections() throws {
        let result = try CommandRunner.run(["compare", Self.teacher, Self.student])
        #expect(result.status == 0)
        for section in [
            "N-gram overlap", "paired containment", "Jaccard of 5-gram", "Near-duplicate pairs", "Strongest evidence",
        ] {
            #expect(result.stdout.contains(section), "missing \(section)")
        }
    }

    @Test func jsonFileIsWrittenWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-cmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.json").path
        let result = try CommandRunner.run(["compare", "--json", file, Self.teacher, Self.control])
        #expect(result.status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["schemaVersion"] as? Int == 1)
    }

    @Test func badInputExitsTwo() throws {
        let result = try CommandRunner.run(["compare", Self.teacher, CommandRunner.fixture("bad/malformed.jsonl")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed.jsonl:2"))
    }

    @Test func dedupFindsPlantedCopies() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-dedup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = ""
        let base = (0..<40).map {
            "document number \($0) talks about topic \($0 * 7 % 13) with some words of its own like w\($0) x\($0 * 3) y\($0 * 5)."
        }
        for (i, text) in base.enumerated() { lines += "{\"id\": \"d\(i)\", \"text\": \"\(text) \(text)\"}\n" }
        lines += "{\"id\": \"copy-of-d3\", \"text\": \"\(base[3]) \(base[3])\"}\n"
        let file = dir.appendingPathComponent("c.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["dedup", "--json", "-", file.path])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let clusters = try #require(object?["clusters"] as? [[String: Any]])
        #expect(clusters.map { $0["documents"] as? [String] ?? [] } == [["d3", "copy-of-d3"]])
    }
}

@Suite struct SketchAndDedupDeterminismTests {
    @Test func signatureFilesAreIdenticalForAnyThreadCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-sketch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [Data] = []
        for threads in ["1", "2", "3"] {
            let out = dir.appendingPathComponent("s\(threads).sig").path
            let result = try CommandRunner.run([
                "sketch", "--threads", threads, "--quiet", "--out", out, CommandRunner.sample("student.jsonl.gz"),
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("300 documents, k = 128"))
            files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(files[0].count == 8 + 24 + 300 * 128 * 4 + 300 * 8)
        #expect(files[0] == files[1] && files[1] == files[2])
        // Nothing but the three files is left behind (the temporary file was renamed).
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["s1.sig", "s2.sig", "s3.sig"])
    }

    @Test func dedupJSONIsIdenticalForAnyThreadCount() throws {
        let paths = [CommandRunner.sample("teacher.jsonl.gz"), CommandRunner.sample("student.jsonl.gz")]
        let one = try CommandRunner.run(["dedup", "--threads", "1", "--threshold", "0.2", "--json", "-"] + paths)
        let two = try CommandRunner.run(["dedup", "--threads", "2", "--threshold", "0.2", "--json", "-"] + paths)
        #expect(one.status == 0)
        #expect(one.stdoutData == two.stdoutData)
    }
}
