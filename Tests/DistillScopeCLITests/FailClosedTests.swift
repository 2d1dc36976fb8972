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
