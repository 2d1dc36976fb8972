import Foundation
import GRDB

/// Checked reads of store rows: GRDB's `row["column"]` subscript traps on a value of the wrong type
/// (text in an integer column, an integer where a blob belongs), so every read goes through these
/// and a damaged row becomes ``StoreError/corrupt(path:detail:)`` naming the table and column.
extension Row {
    /// Counts above this are damage: they would overflow the arithmetic done with them.
    static let maximumCount = 1 << 40

    /// The value of `column`, of type `T`.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when it is NULL or of another type.
    func checked<T: DatabaseValueConvertible>(_ column: String, table: String, path: String) throws -> T {
        do {
            return try decode(T.self, forColumn: column)
        } catch {
            throw StoreError.corrupt(path: path, detail: "\(table).\(column) holds a value of the wrong type")
        }
    }

    /// The value of `column` of type `T`, or nil when it is NULL.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` when it is of another type.
    func checkedIfPresent<T: DatabaseValueConvertible>(_ column: String, table: String, path: String) throws -> T? {
        if (self[column] as DatabaseValue).isNull { return nil }
        return try checked(column, table: table, path: path) as T
    }

    /// A count (documents, tokens, keys) in `column`: an integer in 0...``maximumCount``.
    /// - Throws: ``StoreError/corrupt(path:detail:)`` for another type or a value out of range.
    func count(_ column: String, table: String, path: String) throws -> Int {
        let value: Int64 = try checked(column, table: table, path: path)
        guard value >= 0 && value <= Int64(Self.maximumCount) else {
            throw StoreError.corrupt(path: path, detail: "\(table).\(column) is out of range (\(value))")
        }
        return Int(value)
    }
}
