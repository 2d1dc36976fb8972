import Foundation
import Testing

/// `score --partial` per shard, then `score --merge`: the same JSON bytes and exit status as one
/// `score`; partials that are not one suspect for this store are exit 2 with one sentence.
@Suite struct ScoreShardCommandTests {
    @Test func mergedShardsGiveTheBytesOfOneScore() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let student = CommandRunner.sample("student.jsonl.gz")
        let one = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(one.status == 1, "\(one.stderr)")

        // Shard 0: the whole sample; shard 1: an empty file (an empty shard is a valid shard).
        let empty = dir.appendingPathComponent("empty.jsonl").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let parts = [dir.appendingPathComponent("s0.partial").path, dir.appendingPathComponent("s1.partial").path]
        for (i, input) in [student, empty].enumerated() {
            let r = try CommandRunner.run(
                ["score", input, "--store", store, "--partial", parts[i], "--shard", "\(i)/2", "--threads", "1"])
            #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        }
        for threads in ["1", "4"] {
            let merged = try CommandRunner.run(
                ["score", "--merge", parts[1], parts[0], "--store", store, "--json", "-", "--threads", threads])
            #expect(merged.status == 1, "\(merged.stderr)")
            #expect(merged.stdoutData == one.stdoutData)
        }

        // Fail closed: a shard missing, a shard twice, another store, not a partial, a bad --shard.
        let other = dir.appendingPathComponent("other").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let otherStore = try StoreCommandTests.sampleStore(["teacher"], in: URL(fileURLWithPath: other))
        _ = try CommandRunner.run(
            ["index", "add", "control2", CommandRunner.sample("control.jsonl.gz"), "--store", otherStore, "--quiet"])
        let cases: [([String], String)] = [
            (["score", "--merge", parts[0], "--store", store], "shard 1/2 is missing"),
            (["score", "--merge", parts[0], parts[1], parts[1], "--store", store], "is also"),
            (["score", "--merge", parts[0], parts[1], "--store", otherStore], "another store"),
            (["score", "--merge", student, "--store", store], "not a score partial"),
            // score's document guard holds for the merged suspect too.
            (["score", "--merge", parts[0], parts[1], "--store", store, "--max-documents", "10"], "more than 10"),
            (
                ["score", student, "--store", store, "--partial", parts[0], "--json", "-"],
                "--partial writes no verdict"
            ),
            (["score", student, "--store", store, "--partial", parts[0], "--shard", "2/2"], "--shard"),
            (["score", student, "--store", store, "--shard", "0/2"], "need --partial"),
            (["score", student, "--store", store, "--partial", parts[0], "--line-offset", "3"], "needs --source-name"),
        ]
        for (arguments, words) in cases {
            let r = try CommandRunner.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.status) \(r.stdout)")
            #expect(r.stderr.contains(words), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
