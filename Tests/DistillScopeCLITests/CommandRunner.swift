import Foundation
import Testing

/// Runs the built `distillscope` binary and captures what it prints (argument-parser's
/// `AssertExecuteCommand`, in Swift Testing form).
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

enum CommandRunner {
    /// The executable, next to the test bundle (or `$DISTILLSCOPE_BIN`).
    static var executable: URL {
        if let override = ProcessInfo.processInfo.environment["DISTILLSCOPE_BIN"] {
            return URL(fileURLWithPath: override)
        }
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        let candidate = dir.appendingPathComponent("distillscope")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("distillscope")
    }

    /// The repository root, found from this source file.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func fixture(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/DistillCoreTests/Fixtures/" + relative).path
    }

    static func sample(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Samples/" + name).path
    }

    /// Runs `distillscope arguments...`, with `stdinPath` as standard input when given, and standard
    /// output to `stdout` when given (a device such as `/dev/full`, or a pipe) instead of a captured file,
    /// and `environment` added to this process's environment.
    static func run(
        _ arguments: [String], stdinPath: String? = nil, stdout: FileHandle? = nil, ignoringSIGPIPE: Bool = false,
        directory: String? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ds-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        if ignoringSIGPIPE {
            // An ignored signal stays ignored across exec, so the binary sees EPIPE instead of dying.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = try stdout ?? FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdinPath {
            process.standardInput = FileHandle(forReadingAtPath: stdinPath)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        let out = try Data(contentsOf: outURL)
        let err = try Data(contentsOf: errURL)
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), stdoutData: out)
    }

    /// The `documents` count of each corpus in `inspect --json` output.
    static func documentCounts(_ result: CommandResult) throws -> [Int] {
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let corpora = try #require(object?["corpora"] as? [[String: Any]])
        return corpora.map { $0["documents"] as? Int ?? -1 }
    }
}
