import DistillCore
import Foundation
import Testing

/// The whole SARIF log of one scan, byte for byte: the student sample (in `data/`) against a store of
/// the teacher and control samples. Any change to rules, messages, locations, fingerprints or key order
/// shows up here as a diff to review; only the source root's absolute URI and the tool's version are
/// replaced by placeholders. After a deliberate change, regenerate the file with
/// `DISTILLSCOPE_UPDATE_GOLDEN=1 swift test --filter ScanSARIFGoldenTests` and review the diff.
@Suite struct ScanSARIFGoldenTests {
    static let golden = CommandRunner.repositoryRoot.appendingPathComponent(
        "Tests/DistillScopeCLITests/Golden/scan-student.sarif")

    /// `log` with the run-specific parts replaced: the `%SRCROOT%` URI (a temporary directory) and the
    /// driver's version.
    static func normalized(_ log: String, root: URL) -> String {
        var text = log
        for path in Set([root.path, root.resolvingSymlinksInPath().path]) {
            text = text.replacingOccurrences(of: "\"file://\(path)/\"", with: "\"file:///SRCROOT/\"")
        }
        return text.replacingOccurrences(
            of: "\"version\" : \"\(DistillScopeVersion.current)\"", with: "\"version\" : \"VERSION\"")
    }

    @Test func scanOfTheStudentSampleMatchesTheGoldenLog() throws {
        let s = try ScanBaselineTests.setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var logs: [String] = []
        for threads in ["1", "3"] {
            let r = try CommandRunner.run(
                ["scan", "data", "--store", s.store, "--format", "sarif", "--threads", threads, "--quiet"],
                directory: s.dir.path)
            #expect(r.status == 1, "\(r.stderr)")
            logs.append(Self.normalized(r.stdout, root: s.dir))
        }
        #expect(logs[0] == logs[1], "the log depends on the thread count")
        #expect(logs[0].contains("\"file:///SRCROOT/\""), "the source root was not replaced")
        if ProcessInfo.processInfo.environment["DISTILLSCOPE_UPDATE_GOLDEN"] == "1" {
            try logs[0].write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(logs[0] == expected, "scan's SARIF log changed; review and regenerate \(Self.golden.path)")
    }
}
