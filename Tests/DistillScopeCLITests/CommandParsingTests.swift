import ArgumentParser
import DistillCore
import Testing

@testable import distillscope

/// The command tree parsed in process (`parseAsRoot`, no subprocess): which command and which values an
/// argument list gives, the validation each command runs before touching a file, the `--json`
/// normalisation and the mistyped-command sentence. The subprocess tests (``FailClosedTests``,
/// ``CLIUniformityTests``) check the same rules end to end; these pin the parsing layer on its own.
@Suite struct CommandParsingTests {
    /// The message and exit code ArgumentParser gives `arguments` (nil message when they parse).
    static func failure(_ arguments: [String]) -> (message: String, code: Int32)? {
        do {
            _ = try DistillScope.parseAsRoot(arguments)
            return nil
        } catch {
            return (DistillScope.message(for: error), DistillScope.exitCode(for: error).rawValue)
        }
    }

    @Test func scoreParsesItsValues() throws {
        let parsed = try DistillScope.parseAsRoot([
            "score", "a.jsonl", "b.jsonl.gz", "--store", "refs.db", "--alpha", "0.01", "--evidence", "7", "--threads",
            "3", "--json", "out.json", "--quiet",
        ])
        let score = try #require(parsed as? Score)
        #expect(score.paths == ["a.jsonl", "b.jsonl.gz"])
        #expect(score.alpha == 0.01 && score.evidence == 7 && score.json == "out.json")
        #expect(score.global.threads == 3 && score.global.threadCount == 3 && score.global.quiet)
        // The defaults a user gets without options.
        let plain = try #require(try DistillScope.parseAsRoot(["score", "s.jsonl", "--store", "r.db"]) as? Score)
        #expect(plain.alpha == VerdictOptions.defaultAlpha && plain.evidence == VerdictOptions.defaultMaxEvidence)
        #expect(plain.json == nil && plain.global.threads == nil && !plain.global.quiet)
    }

    @Test func nestedCommandsResolve() throws {
        #expect(try DistillScope.parseAsRoot(["index", "list", "--store", "r.db"]) is Index.List)
        #expect(try DistillScope.parseAsRoot(["dedup", "c.jsonl", "--threshold", "0.8"]) is Dedup)
        #expect(try DistillScope.parseAsRoot(["merge", "a.fp", "b.fp"]) is Merge)
        let scan = try #require(
            try DistillScope.parseAsRoot(["scan", "data/", "--store", "r.db", "--format", "sarif", "--out", "x.sarif"])
                as? Scan)
        #expect(scan.scan.format == "sarif" && scan.scan.output == "x.sarif")
    }

    @Test(arguments: [
        (["score", "s.jsonl", "--store", "r.db", "--alpha", "1"], "--alpha must be in (0, 1)"),
        (["score", "s.jsonl", "--store", "r.db", "--alpha", "0"], "--alpha must be in (0, 1)"),
        (["score", "s.jsonl", "--store", "r.db", "--evidence=-1"], "--evidence must not be negative"),
        (["score", "s.jsonl", "--store", "r.db", "--threads", "0"], "--threads must be between 1 and 1024"),
        (["dedup", "c.jsonl", "--threshold", "1.5"], "--threshold must be in (0, 1]"),
        (["dedup", "c.jsonl", "--bands", "16"], "--bands and --rows go together"),
        (["scan", "d/", "--store", "r.db", "--format", "xml"], "--format must be one of text, json, sarif, junit"),
        (["fingerprint", "c.jsonl", "--shard", "2/2"], "--shard must be i/N with 0 ≤ i < N, got 2/2"),
        (["fingerprint", "c.jsonl", "--shard", "1//2"], "--shard must be i/N with 0 ≤ i < N, got 1//2"),
        (["score", "s.jsonl", "--store", "r.db", "--partial", "p", "--shard", "0/0"], "--shard must be i/N"),
        (["score", "s.jsonl", "--store", "r.db", "--shard", "0/2"], "--shard, --source-name and --line-offset need"),
    ])
    func invalidValuesFailBeforeAnyFileIsRead(arguments: [String], expected: String) throws {
        let failure = try #require(Self.failure(arguments), "\(arguments) parsed")
        #expect(failure.message.contains(expected), "\(failure.message)")
        #expect(failure.code != 0)
    }

    @Test func unknownOptionsAndMissingValuesAreUsageErrors() throws {
        let unknown = try #require(Self.failure(["score", "s.jsonl", "--store", "r.db", "--alhpa", "0.1"]))
        #expect(unknown.message.contains("--alhpa"), "\(unknown.message)")
        let missing = try #require(Self.failure(["score", "s.jsonl", "--store"]))
        #expect(missing.message.contains("--store"), "\(missing.message)")
        #expect(Self.failure(["score"]) != nil, "a suspect corpus is required")
    }

    @Test func versionIsACleanExitAndHelpNamesEveryOption() throws {
        let version = try #require(Self.failure(["--version"]))
        #expect(version.code == 0 && version.message == DistillScope.version)
        let root = DistillScope.helpMessage()
        #expect(root.contains("Exit codes: 0 nothing over threshold, 1 a finding over threshold, 2 usage"))
        for name in ["compare", "score", "scan", "dedup", "fingerprint", "merge", "index", "watermark"] {
            #expect(root.contains(name), "\(name) missing from the root help")
        }
        let score = DistillScope.helpMessage(for: Score.self)
        for option in ["--store", "--alpha", "--evidence", "--json", "--threads", "--quiet"] {
            #expect(score.contains(option), "\(option) missing from score's help")
        }
    }

    @Test func jsonWithoutAValueMeansStandardOutput() {
        #expect(DistillScope.normalized(["score", "s.jsonl", "--json"]) == ["score", "s.jsonl", "--json", "-"])
        #expect(
            DistillScope.normalized(["score", "s.jsonl", "--json", "--quiet"])
                == ["score", "s.jsonl", "--json", "-", "--quiet"])
        #expect(
            DistillScope.normalized(["score", "s.jsonl", "--json", "out.json"])
                == ["score", "s.jsonl", "--json", "out.json"])
        // After `--` everything is an argument, even `--json`.
        #expect(DistillScope.normalized(["score", "--", "--json"]) == ["score", "--", "--json"])
    }

    @Test func mistypedCommandsNameTheNearestOne() throws {
        let top = try #require(DistillScope.unknownCommand(in: ["scroe", "s.jsonl"]))
        #expect(top.contains("unknown command \"scroe\" for distillscope") && top.contains("score"), "\(top)")
        let nested = try #require(DistillScope.unknownCommand(in: ["index", "lst"]))
        #expect(nested.contains("for distillscope index") && nested.contains("list"), "\(nested)")
        #expect(DistillScope.unknownCommand(in: ["score", "s.jsonl", "--store", "r.db"]) == nil)
        #expect(DistillScope.unknownCommand(in: ["help", "score"]) == nil)
    }
}
