import DistillTestSupport
import Foundation
import Testing

/// End to end: `index`, `score` on the Samples, and the store's behaviour under kill -9 and
/// concurrent readers.
@Suite struct StoreCommandTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A store with the given Samples as references.
    static func sampleStore(_ names: [String], in dir: URL) throws -> String {
        let store = dir.appendingPathComponent("refs.db").path
        for name in names {
            let r = try CommandRunner.run(
                ["index", "add", name, CommandRunner.sample("\(name).jsonl.gz"), "--store", store, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return store
    }

    /// A store of the Samples' teacher, watermarked with ``StoreSignalCommandTests/keyHex`` (key not
    /// stored), and the control.
    static func watermarkedTeacherAndControl(in dir: URL) throws -> String {
        let store = dir.appendingPathComponent("refs.db").path
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--quiet",
            "--watermark-key", StoreSignalCommandTests.keyHex,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        _ = try sampleStore(["control"], in: dir)
        return store
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func studentNamesTeacherAndControlHasNoParent() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.sampleStore(["teacher", "control"], in: dir)
        let student = try CommandRunner.run(
            ["score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--json", "-"])
        #expect(student.status == 1)
        let report = try Self.json(student.stdoutData)
        let decision = try #require(report["decision"] as? [String: Any])
        #expect(decision["parents"] as? [String] == ["teacher"])
        let refs = try #require(report["references"] as? [[String: Any]])
        let teacher = try #require(refs.first { $0["reference"] as? String == "teacher" })
        #expect((teacher["log10AdjustedPValue"] as? Double ?? 0) < -6)
        #expect(refs.first { $0["reference"] as? String == "control" }?["parentFound"] as? Bool == false)

        // The control against a store of teacher and student: no parent found.
        let dir2 = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir2) }
        let other = try Self.sampleStore(["teacher", "student"], in: dir2)
        let control = try CommandRunner.run(["score", CommandRunner.sample("control.jsonl.gz"), "--store", other])
        #expect(control.status == 0)
        #expect(control.stdout.contains("No parent found"))
    }

    @Test func renamingAndReorderingReferencesChangesOnlyNames() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("a.db").path
        let second = dir.appendingPathComponent("b.db").path
        for (store, pairs) in [
            (first, [("teacher", "teacher"), ("control", "control")]),
            (second, [("a-second", "control"), ("z-first", "teacher")]),
        ] {
            for (name, sample) in pairs {
                let r = try CommandRunner.run(
                    ["index", "add", name, CommandRunner.sample("\(sample).jsonl.gz"), "--store", store, "--quiet"])
                #expect(r.status == 0)
            }
        }
        func verdicts(_ store: String) throws -> [String: [String: Any]] {
            let r = try CommandRunner.run([
                "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--json", "-",
            ])
            let refs = try #require(try Self.json(r.stdoutData)["references"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: refs.map { ($0["reference"] as! String, $0) })
        }
        let a = try verdicts(first)
        let b = try verdicts(second)
        for (old, new) in [("teacher", "z-first"), ("control", "a-second")] {
            let x = try #require(a[old])
            let y = try #require(b[new])
            for key in ["log10PValue", "log10AdjustedPValue", "parentFound", "strongestSignal", "documents"] {
                #expect("\(x[key] ?? "nil")" == "\(y[key] ?? "nil")", "\(key)")
            }
            let xs = try #require(x["signals"] as? [[String: Any]])
            let ys = try #require(y["signals"] as? [[String: Any]])
            func summary(_ list: [[String: Any]]) -> [String] {
                list.map {
                    "\($0["signal"]!) \($0["log10PValue"]!) \(($0["suspect"] as? [String: Any])?["exceeding"] ?? "")"
                }
            }
            #expect(summary(xs) == summary(ys))
        }
    }

    @Test func storeErrorsExitTwo() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.db")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: junk)
        for args in [
            ["index", "list", "--store", junk.path], ["index", "verify", "--store", junk.path],
            ["score", CommandRunner.sample("student.jsonl.gz"), "--store", junk.path],
            ["index", "list", "--store", dir.appendingPathComponent("missing.db").path],
            ["index", "list"],
        ] {
            let r = try CommandRunner.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(!r.stderr.isEmpty)
        }
        let r = try CommandRunner.run(["index", "list", "--store", junk.path])
        #expect(r.stderr.contains("not a DistillScope store"))
    }

    /// Writes a JSONL corpus of `documents` random documents.
    static func writeCorpus(_ url: URL, documents: Int, seed: UInt64) throws {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        var text = ""
        for i in 0..<documents {
            let body = CorpusBuilder.randomText(words: 120, using: &rng)
            let encoded = String(
                decoding: try JSONSerialization.data(withJSONObject: ["text": body, "id": "d\(i)"]), as: UTF8.self)
            text += encoded + "\n"
        }
        try Data(text.utf8).write(to: url)
    }

    /// Starts `distillscope arguments`, calls `onStderrLine` for each stderr line as it arrives.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, pipe)
    }

    /// Reads `pipe` until `marker` appears (or the process ends).
    static func waitFor(_ marker: String, in pipe: Pipe) -> Bool {
        var seen = ""
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { return false }
            seen += String(decoding: chunk, as: UTF8.self)
            if seen.contains(marker) { return true }
        }
    }

    /// Whether the binary under test reads `DISTILLSCOPE_TEST_INGEST_PAUSE_MS` (`TestSeam` in
    /// `IndexAddNarration.swift`): built into debug and internal-checks builds, never into release ones.
    /// The test target is built in the same configuration as the binary, so the same conditions decide.
    /// (A `$DISTILLSCOPE_BIN` pointing at a release binary from a debug test build would fail these tests.)
    static var ingestPauseSeam: Bool {
        #if DEBUG || DISTILL_INTERNAL_CHECKS
            true
        #else
            false
        #endif
    }
    static let ingestPauseSeamReason: Comment =
        "the ingest pause seam is compiled only into debug or DISTILLSCOPE_INTERNAL_CHECKS=1 builds"

    @Test(.enabled(if: StoreCommandTests.ingestPauseSeam, StoreCommandTests.ingestPauseSeamReason))
    func killDuringIngestLeavesTheStoreAsItWas() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.sampleStore(["teacher", "control"], in: dir)
        let big = dir.appendingPathComponent("big.jsonl")
        try Self.writeCorpus(big, documents: 5_000, seed: 11)
        let (process, pipe) = try Self.start(
            ["index", "add", "big", big.path, "--store", store, "--progress", "never"],
            environment: ["DISTILLSCOPE_TEST_INGEST_PAUSE_MS": "20000"])
        #expect(Self.waitFor("stored n-gram sets", in: pipe))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let list = try CommandRunner.run(["index", "list", "--store", store])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["control", "teacher"])
    }

    @Test(.enabled(if: StoreCommandTests.ingestPauseSeam, StoreCommandTests.ingestPauseSeamReason))
    func readersInOtherProcessesWaitForTheWriter() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.sampleStore(["teacher", "control"], in: dir)
        let (writer, pipe) = try Self.start(
            [
                "index", "add", "student", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--progress",
                "never",
            ],
            environment: ["DISTILLSCOPE_TEST_INGEST_PAUSE_MS": "1500"])
        #expect(Self.waitFor("stored n-gram sets", in: pipe))
        // Two reader processes at once while the write transaction is open.
        let group = DispatchGroup()
        let results = ResultBox()
        for args in [
            ["index", "list", "--store", store],
            ["score", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--json", "-"],
        ] {
            group.enter()
            DispatchQueue.global().async {
                let r = try? CommandRunner.run(args)
                results.append(r)
                group.leave()
            }
        }
        group.wait()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        for r in results.values {
            #expect(r?.status == 0 || r?.status == 1, "\(r?.stderr ?? "no result")")
            #expect(r?.stderr.contains("error") == false)
        }
        let list = try CommandRunner.run(["index", "list", "--store", store])
        #expect(list.stdout.contains("student"))
    }
}

/// Results gathered from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [CommandResult?] = []
    func append(_ r: CommandResult?) { lock.withLock { items.append(r) } }
    var values: [CommandResult?] { lock.withLock { items } }
}

/// End to end: the identity and watermark signals of `index add` and `score`.
@Suite struct StoreSignalCommandTests {
    static let keyHex = "0x7E5C4E12D15711A7"

    static func verdict(_ report: [String: Any], _ name: String) throws -> [String: Any] {
        let refs = try #require(report["references"] as? [[String: Any]])
        return try #require(refs.first { $0["reference"] as? String == name })
    }

    static func signal(_ verdict: [String: Any], _ name: String) throws -> [String: Any] {
        let signals = try #require(verdict["signals"] as? [[String: Any]])
        return try #require(signals.first { $0["signal"] as? String == name })
    }

    @Test func identityAndWatermarkOfTheTeacher() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let keyFile = dir.appendingPathComponent("key.txt").path
        try (Self.keyHex + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--quiet",
            "--identity-patterns", CommandRunner.sample("identity-patterns.json"), "--watermark-key-file", keyFile,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("identities examplelabs"))
        #expect(add.stdout.contains("watermark ds-kgw key"))
        let control = try CommandRunner.run([
            "index", "add", "control", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--quiet",
        ])
        #expect(control.status == 0, "\(control.stderr)")
        #expect(try CommandRunner.run(["index", "verify", "--store", store]).status == 0)

        // Without the key the watermark is not tested; the identity claims are.
        let noKey = try CommandRunner.run([
            "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--json", "-",
        ])
        #expect(noKey.status == 1)
        let teacher = try Self.verdict(try StoreCommandTests.json(noKey.stdoutData), "teacher")
        #expect((try Self.signal(teacher, "watermark")["note"] as? String)?.contains("not given") == true)
        #expect((try Self.signal(teacher, "identity")["log10PValue"] as? Double ?? 0) < -6)
        #expect(try Self.signal(teacher, "style")["usedInDecision"] as? Bool == false)

        let withKey = try CommandRunner.run([
            "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--watermark-key-file", keyFile,
        ])
        #expect(withKey.status == 1)
        #expect(withKey.stdout.contains("watermark: 11883 distinct tuples scored"))
        #expect(!withKey.stdout.lowercased().contains("7e5c4e12d15711a7"))
        let controlScore = try CommandRunner.run([
            "score", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--watermark-key", Self.keyHex,
            "--json", "-",
        ])
        let controlTeacher = try Self.verdict(try StoreCommandTests.json(controlScore.stdoutData), "teacher")
        #expect((try Self.signal(controlTeacher, "watermark")["log10PValue"] as? Double ?? -99) > -3)
        #expect(controlTeacher["parentFound"] as? Bool == false)

        // A shared report never carries the key, whichever way it was spelt.
        for (name, keyArguments) in [
            ("s.html", ["--watermark-key", Self.keyHex]), ("s.json", ["--watermark-key=" + Self.keyHex]),
        ] {
            let path = dir.appendingPathComponent(name).path
            let r = try CommandRunner.run(
                ["score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--quiet", "--report", path]
                    + keyArguments)
            #expect(r.status == 1, "\(r.stderr)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.uppercased().contains("7E5C4E12D15711A7"), "the key never reaches a report (\(name))")
            #expect(text.contains("redacted"))
        }
    }

    @Test func scoreJSONIsIdenticalForAnyThreadCount() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [Data] = []
        for (storeThreads, scoreThreads) in [("1", "1"), ("3", "2"), ("2", "5")] {
            let store = dir.appendingPathComponent("refs-\(storeThreads).db").path
            if !FileManager.default.fileExists(atPath: store) {
                for args in [
                    [
                        "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--identity-patterns",
                        CommandRunner.sample("identity-patterns.json"), "--watermark-key", Self.keyHex,
                    ],
                    ["index", "add", "control", CommandRunner.sample("control.jsonl.gz")],
                ] {
                    let r = try CommandRunner.run(args + ["--store", store, "--quiet", "--threads", storeThreads])
                    #expect(r.status == 0, "\(r.stderr)")
                }
            }
            let score = try CommandRunner.run([
                "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--threads", scoreThreads,
                "--watermark-key", Self.keyHex, "--json", "-",
            ])
            #expect(score.status == 1)
            outputs.append(score.stdoutData)
        }
        #expect(outputs[0].count > 1000)
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }

    @Test func badReferenceSignalOptionsExitTwo() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let unknown = try CommandRunner.run([
            "index", "add", "t", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--identity", "nosuch",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--identity"))
        let noKey = try CommandRunner.run([
            "index", "add", "t", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--store-watermark-key",
        ])
        #expect(noKey.status == 2)
        let badKey = try CommandRunner.run([
            "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--watermark-key", "not-a-key",
        ])
        #expect(badKey.status == 2)
        #expect(!badKey.stderr.contains("not-a-key"))
    }
}
