import DistillCore
import Foundation
import GRDB

/// The SQLite store of reference-model fingerprints.
///
/// This first version holds the schema's skeleton (a migration-managed `meta` table and the list of
/// references); fingerprints are added by later schema versions through ``migrator``.
public final class FingerprintStore: Sendable {
    /// The database queue or pool the store reads and writes through.
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path`, in WAL mode with foreign keys on.
    public convenience init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: config)
        try self.init(writer: pool)
    }

    /// An in-memory store, for tests.
    public static func inMemory() throws -> FingerprintStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        return try FingerprintStore(writer: DatabaseQueue(configuration: config))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Schema migrations, applied in order; each runs in its own transaction.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-references") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "reference") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("description", .text).notNull().defaults(to: "")
                t.column("createdAt", .text).notNull()
            }
        }
        return migrator
    }

    /// The names of the references in the store, sorted.
    public func referenceNames() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM reference ORDER BY name")
        }
    }

    /// The applied migrations, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }
}
