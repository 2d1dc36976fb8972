import Foundation
import Testing

/// End to end: a command whose standard output cannot be written (a full disk, a closed pipe with
/// `SIGPIPE` ignored) reports the write error and exits 2 instead of trapping.
@Suite struct OutputFailureTests {
    static let small = CommandRunner.fixture("formats/prompt_response.jsonl")

    /// Commands that print to standard output, each with its arguments.
    static let commands: [[String]] = [
        ["inspect", small],
        ["inspect", small, "--json"],
        ["compare", small, small],
        ["dedup", small],
        ["phrases", small, small],
    ]

    @Test(arguments: commands) func fullDiskIsAWriteError(arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try CommandRunner.run(arguments, stdout: full)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output: No space left on device"), "\(r.stderr)")
    }

    @Test func closedPipeWithSIGPIPEIgnoredIsAWriteError() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let r = try CommandRunner.run(
            ["inspect", Self.small], stdout: pipe.fileHandleForWriting, ignoringSIGPIPE: true)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output: Broken pipe"), "\(r.stderr)")
    }

    @Test func unwritableJSONFileIsNamed() throws {
        let r = try CommandRunner.run(["compare", Self.small, Self.small, "--json", "/nonexistent-dir/out.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent-dir/out.json"), "\(r.stderr)")
    }

    /// Output files that are devices are written, never replaced by a regular file (as root the old
    /// rename replaced `/dev/full` itself).
    @Test(arguments: [
        ["sketch", small, "--out", "/dev/full"],
        ["compare", small, small, "--json", "/dev/full"],
        ["dedup", small, "--json", "/dev/full"],
    ])
    func deviceOutputIsWrittenNotReplaced(arguments: [String]) throws {
        let r = try CommandRunner.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("cannot write to /dev/full: No space left on device"), "\(r.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "/dev/full was replaced")
    }

    @Test func symlinkOutputIsWrittenThrough() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.json")
        let link = dir.appendingPathComponent("link.json")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let r = try CommandRunner.run(["compare", Self.small, Self.small, "--json", link.path])
        #expect(r.status == 0, "\(r.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("\"command\""))
    }

    /// `index export` writes through a symlink (it replaced the link with a file) and reports a device
    /// that cannot take the bytes.
    @Test func storeExportWritesThroughSymlinksAndNamesDeviceErrors() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher"], in: dir)
        let target = dir.appendingPathComponent("real.db")
        let link = dir.appendingPathComponent("link.db")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let r = try CommandRunner.run(["index", "export", link.path, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let listed = try CommandRunner.run(["index", "list", "--store", target.path])
        #expect(listed.status == 0 && listed.stdout.contains("teacher"), "\(listed.stderr)")
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = try CommandRunner.run(["index", "export", "/dev/full", "--store", store])
            #expect(full.status == 2 && full.stderr.contains("/dev/full"), "\(full.stderr)")
        }
    }
}
