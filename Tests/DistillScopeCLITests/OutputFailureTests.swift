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
}
