import DistillCore
import Foundation
import GRDB

/// The SQLite store of reference-model fingerprints (GRDB, WAL, foreign keys on, a busy timeout
/// so readers in other processes wait instead of failing while one process writes).
///
/// Tables (migrations `v1`, `v2-checksums`, `v3-elias-fano`, see ``migrator``): `meta` (format marker,
/// version, fingerprint options), `reference` (one row per reference model), `ngram_set` /
/// `ngram_chunk` (distinct n-gram keys per width in 256 partitions, ``KeyPartitionEncoding``),
/// `signature_chunk` (per-document MinHash
/// signatures), and `artifact` (versioned blobs by kind: document ids, probes, and the style,
/// identity and watermark fingerprints whose producers plug in later). Every table that belongs
/// to a reference cascades on its deletion. An ingestion is one transaction: an interrupted
/// `index add` leaves the store as it was.
public final class FingerprintStore: Sendable {
    /// The marker in `meta.format` that says a SQLite file is a DistillScope store.
    public static let formatMarker = "distillscope-store"
    /// The newest store format this version reads and writes: 1 stored n-gram key partitions as
    /// `UInt32` words, 2 as Elias–Fano sequences (``KeyPartitionEncoding``), 3 has references that
    /// keep their documents' word streams instead (``ArtifactKind/ngramWords``). A store becomes
    /// format 3 when the first such reference is added (``keyPartitionFormatVersion`` until then), so
    /// that earlier tools, which would find no key partitions for it, refuse the store.
    public static let formatVersion = 3
    /// The format of a store whose references all keep key partitions.
    public static let keyPartitionFormatVersion = 2

    /// The database queue or pool the store reads and writes through.
    public let writer: any DatabaseWriter
    /// Where the store lives (`:memory:` for an in-memory store).
    public let path: String
    /// Whether the store's blobs carry checksums (schema v2; a v1 store opened read-only has none).
    public var hasChecksums: Bool {
        (try? writer.read { db in
            try db.tableExists("artifact") && db.columns(in: "artifact").contains { $0.name == "checksum" }
        }) ?? false
    }

    /// How the store's n-gram key partitions are encoded: Elias–Fano once migration `v3-elias-fano`
    /// ran, else (a format-1 store opened read-only) `UInt32` words.
    public var keyEncoding: KeyPartitionEncoding {
        ((try? writer.read { db in try Self.keyEncoding(db) }) ?? .words32)
    }

    static func keyEncoding(_ db: Database) throws -> KeyPartitionEncoding {
        try db.tableExists("grdb_migrations") && Self.migrator.appliedIdentifiers(db).contains(eliasFanoMigration)
            ? .eliasFano : .words32
    }

    /// The migration that re-encodes n-gram key partitions as Elias–Fano sequences (format 2).
    static let eliasFanoMigration = "v3-elias-fano"

    /// Opens the store at `path`.
    /// - Parameters:
    ///   - create: create the file when it does not exist; otherwise a missing file is an error.
    ///   - readOnly: open the file read-only (commands that only read: a 0444 store can be read, and
    ///     nothing is written, not even the schema into an empty file, which reads as an empty store).
    /// - Throws: ``StoreError`` when the file is missing, not SQLite, not a store, or too new.
    public convenience init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw StoreError.notAStore(path: path, reason: "it is a directory") }
        if !exists && !create { throw StoreError.missing(path: path) }
        if exists { try Self.checkHeader(path: path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        if readOnly && exists {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if size == 0 {
                var memory = Configuration()
                memory.foreignKeysEnabled = true
                try self.init(writer: DatabaseQueue(configuration: memory), path: path)
                return
            }
            config.readonly = true
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: path, configuration: config)
            } catch let error as DatabaseError {
                throw StoreError.notAStore(path: path, reason: error.message ?? "\(error.resultCode)")
            }
            try self.init(writer: queue, path: path, readOnly: true)
            return
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.notAStore(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        try self.init(writer: pool, path: path)
    }

    /// An in-memory store, for tests.
    public static func inMemory() throws -> FingerprintStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        return try FingerprintStore(writer: DatabaseQueue(configuration: config), path: ":memory:")
    }

    init(writer: any DatabaseWriter, path: String, readOnly: Bool = false) throws {
        self.writer = writer
        self.path = path
        try wrap("open") {
            let check = { (db: Database) throws in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let isEmpty = tables.filter { !$0.hasPrefix("sqlite_") }.isEmpty
                if !isEmpty {
                    guard tables.contains("meta"),
                        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") == Self.formatMarker
                    else {
                        throw StoreError.notAStore(
                            path: path, reason: "a SQLite database without a store's format marker")
                    }
                    let version =
                        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'formatVersion'")
                        .flatMap(Int.init) ?? 0
                    if version > Self.formatVersion {
                        throw StoreError.unsupportedVersion(path: path, found: version, supported: Self.formatVersion)
                    }
                }
            }
            if readOnly { try writer.read(check) } else { try writer.writeWithoutTransaction(check) }
            if readOnly {
                let current = try writer.read { db in
                    try Self.migrator.appliedIdentifiers(db).contains("v1")
                        || String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").isEmpty
                }
                if !current {
                    throw StoreError.notAStore(
                        path: path, reason: "its layout predates this version; open it once with `index add` to upgrade"
                    )
                }
            } else {
                try Self.migrator.migrate(writer)
            }
        }
    }

    /// The first 16 bytes of a SQLite file; anything else is not a store.
    static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.notAStore(path: path, reason: "cannot be read")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }  // an empty file becomes a new store
        if header != Data("SQLite format 3\0".utf8) {
            throw StoreError.notAStore(path: path, reason: "not a SQLite database")
        }
    }

    /// Schema migrations, applied in order; each runs in its own transaction.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES ('format', ?), ('formatVersion', ?)",
                arguments: [Self.formatMarker, String(Self.keyPartitionFormatVersion)])
            try db.create(table: "reference") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("description", .text).notNull().defaults(to: "")
                t.column("source", .text).notNull().defaults(to: "")
                t.column("createdAt", .text).notNull()
                t.column("toolVersion", .text).notNull()
                t.column("optionsHash", .text).notNull()
                t.column("documentCount", .integer).notNull()
                t.column("tokenCount", .integer).notNull()
            }
            try db.create(table: "ngram_set") { t in
                t.column("referenceId", .integer).notNull().references("reference", onDelete: .cascade)
                t.column("width", .integer).notNull()
                t.column("distinctCount", .integer).notNull()
                t.primaryKey(["referenceId", "width"])
            }
            try db.create(table: "ngram_chunk") { t in
                t.column("referenceId", .integer).notNull().references("reference", onDelete: .cascade)
                t.column("width", .integer).notNull()
                t.column("partition", .integer).notNull()
                t.column("keyCount", .integer).notNull()
                t.column("data", .blob).notNull()
                t.primaryKey(["referenceId", "width", "partition"])
            }
            try db.create(table: "signature_chunk") { t in
                t.column("referenceId", .integer).notNull().references("reference", onDelete: .cascade)
                t.column("chunk", .integer).notNull()
                t.column("documentCount", .integer).notNull()
                t.column("data", .blob).notNull()
                t.primaryKey(["referenceId", "chunk"])
            }
            try db.create(table: "artifact") { t in
                t.column("referenceId", .integer).notNull().references("reference", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("data", .blob).notNull()
                t.primaryKey(["referenceId", "kind"])
            }
        }
        // v2: a CRC-32 (``Checksum``) of every blob, checked whenever the blob is read. Existing blobs
        // get theirs now (a v1 store had none to check against).
        migrator.registerMigration("v2-checksums") { db in
            for table in checksummedTables {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN checksum INTEGER")
                // One blob in memory at a time: a store's blobs can be gigabytes.
                let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table)")
                let select = try db.makeStatement(sql: "SELECT data FROM \(table) WHERE rowid = ?")
                let update = try db.makeStatement(sql: "UPDATE \(table) SET checksum = ? WHERE rowid = ?")
                for rowid in rowids {
                    // A value that is not a blob (damage) gets no checksum: verify reports it.
                    guard case .blob(let data)? = try DatabaseValue.fetchOne(select, arguments: [rowid])?.storage
                    else { continue }
                    try update.execute(arguments: [Int64(Checksum.crc32(data)), rowid])
                }
            }
        }
        // v3 (format 2): n-gram key partitions as Elias–Fano sequences (about 3.2 instead of 4 bytes a
        // key). Existing partitions are re-encoded, one blob in memory at a time, with new checksums; a
        // blob that does not decode (damage) is left as it is, for `index verify` to report.
        migrator.registerMigration(eliasFanoMigration) { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT rowid, partition FROM ngram_chunk WHERE typeof(partition) = 'integer'")
            let select = try db.makeStatement(sql: "SELECT data FROM ngram_chunk WHERE rowid = ?")
            let update = try db.makeStatement(sql: "UPDATE ngram_chunk SET data = ?, checksum = ? WHERE rowid = ?")
            for row in rows {
                guard let rowid = row[0] as Int64?, let partition = row[1] as Int64?,
                    case .blob(let data)? = try DatabaseValue.fetchOne(select, arguments: [rowid])?.storage,
                    let keys = NGramKeySet.decode(data, partition: Int(partition), encoding: .words32)
                else { continue }
                let encoded = NGramKeySet.encode(keys, as: .eliasFano)
                try update.execute(arguments: [encoded, Int64(Checksum.crc32(encoded)), rowid])
            }
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key = 'formatVersion'",
                arguments: [String(Self.keyPartitionFormatVersion)])
        }
        return migrator
    }

    /// The tables whose `data` blobs carry a `checksum` (schema v2).
    static let checksummedTables = ["ngram_chunk", "signature_chunk", "artifact"]

    /// The applied migrations, in order.
    public func appliedMigrations() throws -> [String] {
        try wrap("read") { try writer.read { db in try Self.migrator.appliedMigrations(db) } }
    }

    /// The fingerprint options of the store, or nil while it holds no reference yet.
    public func scoringOptions() throws -> ScoringOptions? {
        try wrap("read") {
            try writer.read { db in
                guard let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'options'") else {
                    return nil
                }
                return try JSONDecoder().decode(ScoringOptions.self, from: Data(json.utf8))
            }
        }
    }

    /// Runs `body`, turning database errors into ``StoreError/database(path:operation:message:)``.
    func wrap<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch is RowDecodingError {
            throw StoreError.corrupt(path: path, detail: "a stored value has the wrong type (\(operation))")
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                throw StoreError.notAStore(path: path, reason: error.message ?? "damaged database")
            }
            throw StoreError.database(path: path, operation: operation, message: error.message ?? "\(error.resultCode)")
        }
    }
}
