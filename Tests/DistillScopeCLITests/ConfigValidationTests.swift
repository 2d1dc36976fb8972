import Foundation
import Testing

/// End to end: every malformed `scan` config, given with `--config` or read from `.distillscope.toml`,
/// is an exit-2 error at file:line (never a crash in the parser), and unknown keys and signal names
/// get a "did you mean".
@Suite struct ConfigValidationTests {
    /// Runs `scan` with `config` as `--config` (or as `.distillscope.toml` in the working directory).
    /// The store does not exist: the config is read and checked before the store is opened.
    static func scan(config: String, autoRead: Bool = false, extra: [String] = []) throws -> CommandResult {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = autoRead ? ".distillscope.toml" : "c.toml"
        try Data(config.utf8).write(to: dir.appendingPathComponent(name))
        let data = CommandRunner.fixture("formats/prompt_response.jsonl")
        let store = dir.appendingPathComponent("missing.db").path
        let arguments = ["scan", data, "--store", store] + (autoRead ? [] : ["--config", name]) + extra
        return try CommandRunner.run(arguments, directory: dir.path)
    }

    static let deepHeader = "[thresholds" + String(repeating: ".signals.x", count: 3000) + "]\n"

    /// Inputs that crashed the previous parser (SIGABRT, stack overflow) or are otherwise malformed,
    /// with the line each error must name.
    static let malformed: [(String, Int)] = [
        ("[\n", 1),
        ("[" + String(repeating: "a", count: 57) + "\n", 1),
        (deepHeader, 1),
        ("[thresholds]\nalpha = \n", 2),
        ("[thresholds]\nalpha = 0.01 0.02\n", 2),
        ("[ignore]\nphrases = [\"a\",\n", 3),
        ("[ignore]\nphrases = [[[[[[[[[[[[[\"a\"]]]]]]]]]]]]]\n", 2),
        ("[output]\nformat = \"sarif\n", 2),
        ("[output]\nformat = \"\\q\"\n", 2),
        ("x = {a = 1}\n", 1),
        ("[thresholds]\n[thresholds]\n", 2),
        ("[thresholds]\nalpha = 0.1\nalpha = 0.2\n", 3),
        ("[thresholds]\nalpha = \"0.1\"\n", 2),
        ("[thresholds]\nalpha = 7\n", 2),
        ("\u{01}\n", 1),
    ]

    @Test(arguments: malformed) func malformedConfigIsAnErrorAtItsLine(text: String, line: Int) throws {
        for autoRead in [false, true] {
            let r = try Self.scan(config: text, autoRead: autoRead)
            #expect(r.status == 2, "\(text.prefix(60).debugDescription): \(r.stderr)")
            let name = autoRead ? ".distillscope.toml" : "c.toml"
            #expect(r.stderr.contains("\(name):\(line):"), "\(text.prefix(60).debugDescription): \(r.stderr)")
            #expect(r.stderr.count < 2000, "the error must not echo the file")
        }
    }

    static let misspelt: [(String, String)] = [
        ("alpah = 0.01\n", "did you mean \"thresholds.alpha\"?"),
        ("[threshold]\nalpha = 0.01\n", "did you mean \"thresholds\"?"),
        ("[thresholds]\nalpah = 0.01\n", "did you mean \"alpha\"?"),
        ("[outptu]\nformat = \"json\"\n", "did you mean \"output\"?"),
        ("[output]\nfail-on = \"bogus\"\n", "unknown signal \"bogus\""),
        ("[output]\nfail-on = \"ngram13\"\n", "did you mean \"ngram-13\"?"),
        ("[output]\nformat = \"sarf\"\n", "did you mean \"sarif\"?"),
        ("[thresholds.signals.neardup]\nalpha = 0.01\n", "unknown signal \"neardup\""),
        ("[ignore]\npatern = [\"x\"]\n", "did you mean \"patterns\"?"),
    ]

    @Test(arguments: misspelt) func unknownNamesAreErrorsWithASuggestion(text: String, expected: String) throws {
        let r = try Self.scan(config: text)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test func unknownFailOnSignalIsAnErrorWithASuggestion() throws {
        let r = try Self.scan(config: "", extra: ["--fail-on", "ngram13"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean \"ngram-13\"?"), "\(r.stderr)")
        let list = try Self.scan(config: "", extra: ["--fail-on", "ngram-8,identty"])
        #expect(list.status == 2)
        #expect(list.stderr.contains("did you mean \"identity\"?"), "\(list.stderr)")
    }

    /// A catastrophic ignore pattern stops at its step budget with exit 2 (it took 14 s on 41 characters).
    @Test(.timeLimit(.minutes(5))) func runawayIgnorePatternIsAnErrorNotAHang() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let data = dir.appendingPathComponent("d.jsonl").path
        try
            ("{\"id\":\"d1\",\"text\":\"" + String(repeating: "a", count: 41)
            + "b\"}\n{\"id\":\"d2\",\"text\":\"fine\"}\n")
            .write(toFile: data, atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("c.toml").path
        try "[ignore]\npatterns = [\"(.*a){25}$\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let start = Date()
        let r = try CommandRunner.run(["scan", data, "--store", store, "--config", config])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(r.status == 2)
        #expect(r.stderr.contains("too many matcher steps on document \"d1\""), "\(r.stderr)")
        // Patterns that leave nothing to check fail closed, not "0 findings".
        try "[ignore]\npatterns = [\".\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let all = try CommandRunner.run(["scan", data, "--store", store, "--config", config])
        #expect(all.status == 2 && all.stderr.contains("nothing in it was checked"), "\(all.stderr)")
    }

    @Test(.timeLimit(.minutes(5))) func runawayIdentityPatternIsAnErrorNotAHang() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let data = dir.appendingPathComponent("d.jsonl").path
        try
            ("{\"id\":\"fine\",\"text\":\"I am TeacherLM.\"}\n{\"id\":\"bad\",\"text\":\""
            + String(repeating: "x", count: 40) + " TeacherLM\"}\n")
            .write(toFile: data, atomically: true, encoding: .utf8)
        // Passes the load-time probe (no run of x in it), then meets one in a document.
        let patterns = dir.appendingPathComponent("p.json").path
        try #"""
        {"version": 1, "identities": [{"id": "examplelabs", "label": "TeacherLM", "aliases": ["TeacherLM"]}],
         "macros": {}, "claims": [{"id": "sneaky", "pattern": "(x+x+)+y {NAME}"}], "vetoBefore": []}
        """#.write(toFile: patterns, atomically: true, encoding: .utf8)
        let start = Date()
        let r = try CommandRunner.run(["score", data, "--store", store, "--identity-patterns", patterns])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(r.status == 2)
        #expect(r.stderr.contains("sneaky") && r.stderr.contains("document \"bad\""), "\(r.stderr)")
    }

    @Test func ignoredPathsThatLeaveNothingFailClosed() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: CommandRunner.sample("student.jsonl.gz"), toPath: data.appendingPathComponent("s.jsonl.gz").path)
        let config = dir.appendingPathComponent("c.toml").path
        try "[ignore]\npaths = [\"\(data.path)/\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try CommandRunner.run(["scan", data.path, "--store", store, "--config", config])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("nothing was checked"), "\(r.stderr)")
    }

    @Test func documentedConfigIsAccepted() throws {
        let text = """
            # The example of docs/ci.md.
            [thresholds]
            alpha = 0.001          # corrected p-value a finding needs
            min-rate = 0.0
            [thresholds.signals.ngram-13]
            alpha = 1e-6
            [ignore]
            phrases = ["I hope this helps! Let me know if you have any other questions.", 'literal \\d']
            patterns = [
              "(?i)lorem ipsum",  # documents whose text matches are not scanned
            ]
            allowed-sources = ["licensed-model"]
            paths = ["fixtures/"]
            [output]
            format = "sarif"
            file = "distillscope.sarif"
            fail-on = "ngram-13, near-duplicate"

            """
        for autoRead in [false, true] {
            let r = try Self.scan(config: text, autoRead: autoRead)
            // The config is fine: what fails is the store that does not exist.
            #expect(r.status == 2)
            #expect(r.stderr.contains("missing.db"), "\(r.stderr)")
            #expect(!r.stderr.contains("toml"), "\(r.stderr)")
        }
    }
}
