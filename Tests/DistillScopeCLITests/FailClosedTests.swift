import Foundation
import Testing

/// End to end: `score` and `scan` refuse to report "nothing found" when nothing was compared: an
/// empty store, a store with no or one reference, a suspect that yields no documents (exit 2, with a
/// sentence saying what is missing).
@Suite struct FailClosedTests {
    static let student = CommandRunner.sample("student.jsonl.gz")

    /// `score` and `scan` of the student against `store`.
    static func scoreAndScan(store: String) throws -> [CommandResult] {
        [
            try CommandRunner.run(["score", student, "--store", store]),
            try CommandRunner.run(["scan", student, "--store", store]),
        ]
    }

    @Test func emptyStoreFileIsRefused() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("empty.db").path
        #expect(FileManager.default.createFile(atPath: store, contents: nil))
        for r in try Self.scoreAndScan(store: store) {
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("the store holds no references; scoring needs at least two"), "\(r.stderr)")
        }
    }

    @Test func storeWithOneReferenceIsRefused() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher"], in: dir)
        for r in try Self.scoreAndScan(store: store) {
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(
                r.stderr.contains(
                    "the store holds 1 reference; scoring needs at least two so that each has independent models to compare with"
                ), "\(r.stderr)")
        }
        // With the reference removed, the store holds none.
        #expect(try CommandRunner.run(["index", "remove", "teacher", "--store", store]).status == 0)
        for r in try Self.scoreAndScan(store: store) {
            #expect(r.status == 2)
            #expect(r.stderr.contains("the store holds no references"), "\(r.stderr)")
        }
    }

    @Test func suspectWithoutDocumentsIsRefused() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let suspect = dir.appendingPathComponent("null.jsonl")
        try Data("{\"conversations\":[{\"from\":\"gpt\",\"value\":null}]}\n".utf8).write(to: suspect)
        for command in ["score", "scan"] {
            let r = try CommandRunner.run([command, suspect.path, "--store", store])
            #expect(r.status == 2, "\(command): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("no documents read from \(suspect.path)"), "\(command): \(r.stderr)")
        }
    }
}

/// End to end: `scan` lists every signal it did not test, with the reason, in text and JSON.
@Suite struct ScanNotTestedTests {
    @Test func watermarkWithoutKeyIsListedAsNotTested() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.watermarkedTeacherAndControl(in: dir)
        let control = CommandRunner.sample("control.jsonl.gz")
        let text = try CommandRunner.run(["scan", control, "--store", store, "--fail-on", "none"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("not tested: [watermark] reference teacher: the key of the reference's watermark"))
        // Text for people names the flag that helps; the JSON carries it as a typed remedy.
        #expect(text.stdout.contains("was not given [--watermark-key]"), "\(text.stdout)")
        #expect(text.stdout.contains("not tested: [identity] reference control:"), "\(text.stdout)")

        let json = try CommandRunner.run([
            "scan", control, "--store", store, "--fail-on", "none", "--format", "json",
        ])
        let report = try StoreCommandTests.json(json.stdoutData)
        let notTested = try #require(report["notTested"] as? [[String: Any]])
        #expect(
            notTested.contains {
                $0["signal"] as? String == "watermark" && $0["reference"] as? String == "teacher"
                    && $0["remedy"] as? String == "give-watermark-key"
                    && !($0["reason"] as? String ?? "--").contains("--")
            }, "\(notTested)")

        // With the key, the watermark is tested and no longer listed.
        let keyed = try CommandRunner.run([
            "scan", control, "--store", store, "--fail-on", "none", "--format", "json", "--watermark-key",
            StoreSignalCommandTests.keyHex,
        ])
        let keyedReport = try StoreCommandTests.json(keyed.stdoutData)
        let keyedList = try #require(keyedReport["notTested"] as? [[String: Any]])
        #expect(!keyedList.contains { $0["signal"] as? String == "watermark" }, "\(keyedList)")
    }

    @Test func storeWithoutWatermarksSaysSo() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let r = try CommandRunner.run([
            "scan", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--fail-on", "none",
        ])
        #expect(r.stdout.contains("not tested: [watermark]: no reference in the store has a watermark configuration"))
        let sarif = try CommandRunner.run([
            "scan", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--fail-on", "none", "--format",
            "sarif",
        ])
        let log = try StoreCommandTests.json(sarif.stdoutData)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.contains { ($0["associatedRule"] as? [String: Any])?["id"] as? String == "watermark" })
        let junit = try CommandRunner.run([
            "scan", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--fail-on", "none", "--format",
            "junit",
        ])
        #expect(junit.stdout.contains("<system-out>not tested: [identity] reference control:"), "\(junit.stdout)")
        #expect(junit.stdout.contains("not tested: [watermark]: no reference in the store"), "\(junit.stdout)")
    }
}
