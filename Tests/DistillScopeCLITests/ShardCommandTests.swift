import Foundation
import Testing

/// `fingerprint --shard i/N` (from files and from standard input) then `merge` of the shards' lines in
/// any order gives dedup's pairs and clusters; bad shards and incomplete merges are exit 2 with a reason.
@Suite struct ShardCommandTests {
    static func object(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func shardsFromFilesAndStdinMergeToDedup() throws {
        let corpus = CommandRunner.sample("student.jsonl.gz")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ds-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var shardPaths: [String] = []
        for i in 0..<3 {
            // Shard 1 reads standard input; the others the file.
            let fromStdin = i == 1
            let result = try CommandRunner.run(
                ["fingerprint", "--threshold", "0.5", "--shard", "\(i)/3", fromStdin ? "-" : corpus],
                stdinPath: fromStdin ? corpus : nil)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 100)
            let path = scratch.appendingPathComponent("f\(i).jsonl").path
            try result.stdoutData.write(to: URL(fileURLWithPath: path))
            shardPaths.append(path)
        }
        let merged = try CommandRunner.run(["merge", "--threshold", "0.5", "--json", "-"] + shardPaths.reversed())
        #expect(merged.status == 0, "\(merged.stderr)")
        let dedup = try CommandRunner.run(["dedup", "--threshold", "0.5", "--json", "-", corpus])
        #expect(dedup.status == 0, "\(dedup.stderr)")
        let full = try #require(try Self.object(dedup.stdoutData).mutableCopy() as? NSMutableDictionary)
        for key in ["schemaVersion", "command", "paths", "summary"] { full.removeObject(forKey: key) }
        #expect(try Self.object(merged.stdoutData) == full)

        // A merge that misses a shard names the missing document.
        let partial = try CommandRunner.run(["merge", "--json", "-"] + shardPaths.dropLast())
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("missing"), "\(partial.stderr)")
    }

    @Test(arguments: ["3/3", "-1/2", "1", "a/b", "0/0"]) func badShardIsAUsageError(shard: String) throws {
        let result = try CommandRunner.run(["fingerprint", "--shard", shard, CommandRunner.sample("student.jsonl.gz")])
        #expect(result.status == 2, "\(shard): \(result.status)")
        #expect(result.stderr.contains("--shard"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
