import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// End to end: commands that only read open the store read-only: they write nothing into it (an
/// empty file stays empty) and a 0444 store can be read by its non-root owner.
@Suite struct ReadOnlyStoreTests {
    static let readers: [[String]] = [
        ["index", "list"], ["index", "verify"], ["score", CommandRunner.sample("student.jsonl.gz")],
        ["scan", CommandRunner.sample("student.jsonl.gz")],
    ]

    @Test func emptyStoreFileIsNotWritten() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("empty.db").path
        #expect(FileManager.default.createFile(atPath: store, contents: nil))
        for arguments in Self.readers {
            _ = try CommandRunner.run(arguments + ["--store", store])
            let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int
            #expect(size == 0, "\(arguments) wrote into the store")
        }
        let list = try CommandRunner.run(["index", "list", "--store", store])
        #expect(list.status == 0 && list.stdout == "no references\n", "\(list.stderr)")
    }

    /// Whether the test can run as a user who cannot write a 0444 file: not root, or root with
    /// `setpriv` to drop to `nobody`.
    static var canDropWrite: Bool {
        getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Runs `distillscope arguments` as the current user, or as `nobody` (uid 65534) when root.
    static func runUnprivileged(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.executable.path] + arguments
        } else {
            process.executableURL = CommandRunner.executable
            process.arguments = arguments
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: canDropWrite, "needs a user who cannot write a 0444 file"))
    func readOnlyStoreFileCanBeRead() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        if getuid() == 0 {
            for path in [dir.path, store] {
                try FileManager.default.setAttributes(
                    [.ownerAccountID: 65534, .groupOwnerAccountID: 65534], ofItemAtPath: path)
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        for arguments in Self.readers {
            let status = try Self.runUnprivileged(arguments + ["--store", store])
            #expect(status == 0 || status == 1, "\(arguments): exit \(status)")
        }
    }
}
