import DistillCore
import DistillStore
import Foundation
import GRDB
import Testing

/// End to end: store rows of the wrong type or out of range are a "damaged store" error (exit 2)
/// naming the table and column in `index verify`, `index list` and `score`, never a trap.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct StoreDamageTests {
    static let sqlite3 = "/usr/bin/sqlite3"

    /// Runs `sql` on the database at `path` with the sqlite3 shell.
    static func execute(_ sql: String, on path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
    }

    /// Each damage with the table.column the error must name.
    static let damages: [(String, String)] = [
        ("UPDATE reference SET documentCount = 'abc'", "reference.documentCount"),
        ("UPDATE reference SET documentCount = 9223372036854775807", "reference.documentCount"),
        ("UPDATE reference SET tokenCount = -1", "reference.tokenCount"),
        ("UPDATE reference SET name = x'ff00' WHERE name = 'teacher'", "reference.name"),
        ("UPDATE reference SET description = x'ff'", "reference.description"),
    ]

    @Test(arguments: damages) func wrongTypeInReferenceRowIsAnError(sql: String, column: String) throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        try Self.execute(sql, on: store)
        for arguments in [
            ["index", "verify"], ["index", "list"], ["score", CommandRunner.sample("student.jsonl.gz")],
        ] {
            let r = try CommandRunner.run(arguments + ["--store", store])
            if column == "reference.tokenCount" && arguments[0] != "index" { continue }  // score does not read it
            if column == "reference.description" && arguments[1] == "verify" { continue }  // verify does not read it
            #expect(r.status == 2, "\(sql) | \(arguments): \(r.stderr)")
            #expect(r.stderr.contains("damaged store: \(column)"), "\(sql) | \(arguments): \(r.stderr)")
        }
    }

    @Test func wrongTypeInBlobColumnsIsAnError() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        try Self.execute("UPDATE ngram_chunk SET data = 12345", on: store)
        try Self.execute("UPDATE signature_chunk SET documentCount = 9223372036854775807", on: store)
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 2, "\(verify.stderr)")
        #expect(verify.stderr.contains("damaged store: ngram_chunk.data"), "\(verify.stderr)")
        let score = try CommandRunner.run(["score", CommandRunner.sample("student.jsonl.gz"), "--store", store])
        #expect(score.status == 2, "\(score.stderr)")
        #expect(score.stderr.contains("damaged store: ngram_chunk.data"), "\(score.stderr)")
        try Self.execute("UPDATE ngram_chunk SET data = x'00'", on: store)
        let chunks = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(chunks.status == 2, "\(chunks.stderr)")
        #expect(chunks.stderr.contains("signature_chunk.documentCount is out of range"), "\(chunks.stderr)")
    }

    /// Damage that decodes but is not sound, with the problem `index verify` must report.
    static let unsound: [(String, String)] = [
        (
            "UPDATE reference SET name = CAST('teacher' AS BLOB) WHERE name = 'control'",
            "two references are named \"teacher\""
        ),
        ("UPDATE artifact SET version = 99 WHERE kind = 'probes'", "artifact \"probes\" has version 99"),
        (
            "UPDATE artifact SET data = CAST(json_set(CAST(data AS TEXT), '$.greenFraction', 7) AS BLOB) "
                + "WHERE kind = 'watermark-config'", "teacher: watermark configuration out of range (γ = 7.0"
        ),
        (
            "UPDATE artifact SET data = CAST(json_set(CAST(data AS TEXT), '$.contextWidth', 100000000) AS BLOB) "
                + "WHERE kind = 'watermark-config'", "h = 100000000"
        ),
    ]

    @Test(arguments: unsound) func verifyFailsOnUnsoundStore(sql: String, problem: String) throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.watermarkedTeacherAndControl(in: dir)
        #expect(try CommandRunner.run(["index", "verify", "--store", store]).status == 0)
        try Self.execute(sql, on: store)
        let r = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(r.status != 0, "\(sql): \(r.stdout)")
        #expect(r.stdout.contains(problem), "\(sql): \(r.stdout)\(r.stderr)")
    }

    /// One flipped byte in a blob that still decodes — signatures, probes, pairing keys, common n-grams,
    /// an n-gram partition, probe texts — is found by its checksum: `index verify` names it and `score`
    /// refuses the store (it used to give a verdict from the damaged data).
    static let flips: [(String, String)] = [
        ("signature_chunk", "chunk = 0"), ("artifact", "kind = 'probes'"), ("artifact", "kind = 'pairing-keys'"),
        ("artifact", "kind = 'common-ngrams'"), ("ngram_chunk", "partition = 7"),
        ("artifact", "kind = 'probe-documents'"),
    ]

    @Test(arguments: flips) func flippedByteIsFoundByItsChecksum(table: String, row: String) throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        #expect(try CommandRunner.run(["index", "verify", "--store", store]).status == 0)
        // Byte 12 of the blob changed (to 0, or to 1 when it was 0), length unchanged.
        try Self.execute(
            """
            UPDATE \(table) SET data = CAST(substr(data, 1, 11)
                || (CASE WHEN substr(data, 12, 1) = x'00' THEN x'01' ELSE x'00' END) || substr(data, 13) AS BLOB)
            WHERE \(row) AND referenceId = (SELECT id FROM reference WHERE name = 'teacher')
            """, on: store)
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status != 0, "\(table) \(row): \(verify.stdout)")
        #expect(verify.stdout.contains("teacher: ") && verify.stdout.contains("checksum mismatch"), "\(verify.stdout)")
        let score = try CommandRunner.run(["score", CommandRunner.sample("student.jsonl.gz"), "--store", store])
        #expect(score.status == 2, "\(table) \(row): \(score.stdout)")
        #expect(score.stderr.contains("is damaged (checksum mismatch)"), "\(table) \(row): \(score.stderr)")
    }

    /// A store written before checksums (schema v1) is read as it is when only read, and upgraded —
    /// every blob's checksum computed — when opened to write; it then verifies and scores as before.
    @Test func storeWithoutChecksumsIsUpgraded() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let student = CommandRunner.sample("student.jsonl.gz")
        let before = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        try Self.execute(
            """
            ALTER TABLE ngram_chunk DROP COLUMN checksum; ALTER TABLE signature_chunk DROP COLUMN checksum;
            ALTER TABLE artifact DROP COLUMN checksum; DELETE FROM grdb_migrations WHERE identifier = 'v2-checksums';
            """, on: store)
        let v1 = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(v1.status == 1 && v1.stdoutData == before.stdoutData, "\(v1.stderr)")
        #expect(
            try CommandRunner.run(["index", "set", "control", "--family", "control", "--store", store]).status == 0)
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 0 && !verify.stdout.contains("no checksum"), "\(verify.stdout)")
        let v2 = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(v2.status == 1 && v2.stdoutData == before.stdoutData, "\(v2.stderr)")
    }

    /// Rewrites a store as format 1 wrote it: n-gram key partitions as `UInt32` words (checksums
    /// recomputed), migration `v3-elias-fano` not applied, `formatVersion` 1.
    static func downgradeToFormatOne(_ path: String) throws {
        let store = try FingerprintStore(path: path, create: false)
        try store.writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, partition, data FROM ngram_chunk")
            for row in rows {
                let partition: Int = row["partition"]
                let data: Data = row["data"]
                let keys = try #require(NGramKeySet.decode(data, partition: partition, encoding: .eliasFano))
                let words = NGramKeySet.encode(keys, as: .words32)
                try db.execute(
                    sql: "UPDATE ngram_chunk SET data = ?, checksum = ? WHERE rowid = ?",
                    arguments: [words, Int64(Checksum.crc32(words)), row["rowid"] as Int64])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-elias-fano'")
            try db.execute(sql: "UPDATE meta SET value = '1' WHERE key = 'formatVersion'")
        }
    }

    /// A store of format 1 (key partitions as `UInt32` words) scores byte for byte as the same store
    /// in format 2 when only read, and is re-encoded when opened to write; it then verifies, is
    /// smaller in its key blobs, and scores the same again.
    @Test func formatOneStoreScoresAlikeAndIsUpgraded() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        let student = CommandRunner.sample("student.jsonl.gz")
        let before = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(before.status == 1, "\(before.stderr)")
        func keyBytes() throws -> Int {
            try FingerprintStore(path: store, create: false, readOnly: true).writer.read { db in
                try Int.fetchOne(db, sql: "SELECT sum(length(data)) FROM ngram_chunk") ?? 0
            }
        }
        let compact = try keyBytes()
        try Self.downgradeToFormatOne(store)
        #expect(try FingerprintStore(path: store, create: false, readOnly: true).keyEncoding == .words32)
        #expect(try keyBytes() > compact)
        let v1 = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(v1.status == 1 && v1.stdoutData == before.stdoutData, "\(v1.stderr)")
        #expect(try CommandRunner.run(["index", "verify", "--store", store]).status == 0)
        // Opening it to write upgrades it.
        #expect(
            try CommandRunner.run(["index", "set", "control", "--family", "control", "--store", store]).status == 0)
        let upgraded = try FingerprintStore(path: store, create: false, readOnly: true)
        #expect(upgraded.keyEncoding == .eliasFano)
        #expect(
            try upgraded.writer.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'formatVersion'")
            } == "2")
        #expect(try keyBytes() == compact)
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stdout)")
        let v2 = try CommandRunner.run(["score", student, "--store", store, "--json", "-"])
        #expect(v2.status == 1 && v2.stdoutData == before.stdoutData, "\(v2.stderr)")
    }

    /// A reference whose options hash differs from the store's is refused by `score`, not compared.
    @Test func changedOptionsHashIsRefused() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreCommandTests.sampleStore(["teacher", "control"], in: dir)
        try Self.execute("UPDATE reference SET optionsHash = 'x' WHERE name = 'control'", on: store)
        let score = try CommandRunner.run(["score", CommandRunner.sample("student.jsonl.gz"), "--store", store])
        #expect(score.status == 2)
        #expect(score.stderr.contains("fingerprinted with other options"), "\(score.stderr)")
    }
}
