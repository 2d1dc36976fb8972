import Foundation
import Testing

@Suite struct StyleCommandTests {
    static let teacher = CommandRunner.sample("teacher.jsonl.gz")
    static let student = CommandRunner.sample("student.jsonl.gz")
    static let control = CommandRunner.sample("control.jsonl.gz")

    private func result(_ r: CommandResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        return try #require(object?["result"] as? [String: Any])
    }

    @Test func studentIsAttributedToTheTeacher() throws {
        let r = try CommandRunner.run([
            "attribute", "--bootstrap", "200", "--json", "-", Self.student, "--ref", "teacher=\(Self.teacher)",
            "--ref", "control=\(Self.control)",
        ])
        #expect(r.status == 1)
        let res = try result(r)
        #expect(res["attributedTo"] as? String == "teacher")
        #expect((res["confidence"] as? Double ?? 0) >= 0.95)
    }

    @Test func controlIsNoneOfTheseAgainstTeacherAndStudent() throws {
        let r = try CommandRunner.run([
            "attribute", "--bootstrap", "200", "--json", "-", Self.control, "--ref", "teacher=\(Self.teacher)",
            "--ref", "student=\(Self.student)",
        ])
        #expect(r.status == 0)
        let res = try result(r)
        #expect(res["attributedTo"] == nil)
        #expect((res["noneFraction"] as? Double ?? 0) >= 0.95)
    }

    @Test func attributeJSONIsIdenticalForAnyThreadCount() throws {
        let args = [
            "attribute", "--bootstrap", "50", "--json", "-", Self.student, "--ref", "teacher=\(Self.teacher)",
            "--ref", "control=\(Self.control)",
        ]
        let one = try CommandRunner.run(args + ["--threads", "1"])
        let three = try CommandRunner.run(args + ["--threads", "3"])
        #expect(one.stdoutData == three.stdoutData && !one.stdoutData.isEmpty)
    }

    @Test func badReferencesAreUsageErrors() throws {
        let one = try CommandRunner.run(["attribute", Self.student, "--ref", "teacher=\(Self.teacher)"])
        #expect(one.status == 2)
        let malformed = try CommandRunner.run(["attribute", Self.student, "--ref", "teacher", "--ref", "x=y"])
        #expect(malformed.status == 2)
        let missing = try CommandRunner.run([
            "attribute", Self.student, "--ref", "a=/nonexistent/a.jsonl", "--ref", "b=\(Self.teacher)",
        ])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/a.jsonl"))
    }

    @Test func phrasesListsTheTeachersFormulas() throws {
        let r = try CommandRunner.run(["phrases", "--top", "20", "--json", "-", Self.teacher, Self.control])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let phrases = try #require(object?["phrases"] as? [[String: Any]])
        #expect(phrases.count == 20)
        #expect(phrases.allSatisfy { ($0["z"] as? Double ?? 0) > 2 })
        let text = try CommandRunner.run(["phrases", Self.teacher, Self.control, "--ngram", "2..3"])
        #expect(text.status == 0 && text.stdout.contains("Over-represented in A"))
        let bad = try CommandRunner.run(["phrases", Self.teacher, Self.control, "--ngram", "3..1"])
        #expect(bad.status == 2)
    }

    @Test func compareGainsStyleAndIdentitySections() throws {
        let r = try CommandRunner.run(["compare", "--json", "-", Self.teacher, Self.student])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let style = try #require(object["style"] as? [String: Any])
        #expect(style["suspectVsTeacher"] != nil && style["teacher"] != nil)
        #expect(object["identity"] as? [String: Any] != nil)
        let text = try CommandRunner.run(["compare", Self.teacher, Self.student])
        #expect(text.stdout.contains("Style (suspect against teacher") && text.stdout.contains("Identity claims"))
        let off = try CommandRunner.run(["compare", "--no-style", "--json", "-", Self.teacher, Self.student])
        let plain = try #require(try JSONSerialization.jsonObject(with: off.stdoutData) as? [String: Any])
        #expect(plain["style"] == nil)
    }

    @Test func userIdentityPatternsFindTheTeachersName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-id-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("extra.json")
        try Data(
            """
            {"version": 1, "identities": [{"id": "examplelabs", "label": "TeacherLM / Example Labs",
              "aliases": ["TeacherLM", "Example Labs"]}], "macros": {}, "claims": [], "vetoBefore": []}
            """.utf8
        ).write(to: file)
        let r = try CommandRunner.run([
            "compare", "--no-near-duplicates", "--identity-patterns", file.path, "--json", "-", Self.teacher,
            Self.student,
        ])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let identity = try #require(object["identity"] as? [String: Any])
        let suspect = try #require(identity["suspect"] as? [String: Any])
        let rates = try #require(suspect["rates"] as? [[String: Any]])
        #expect(rates.first?["identity"] as? String == "examplelabs")
        let broken = dir.appendingPathComponent("broken.json")
        try Data("{not json".utf8).write(to: broken)
        let bad = try CommandRunner.run(["compare", "--identity-patterns", broken.path, Self.teacher, Self.student])
        #expect(bad.status == 2 && bad.stderr.contains("broken.json"))
    }
}
