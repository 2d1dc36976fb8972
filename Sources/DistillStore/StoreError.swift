import DistillCore
import Foundation

/// The one error type of `DistillStore`. Cases name the store's path and what was wrong.
public enum StoreError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    /// The file does not exist (and the command does not create stores).
    case missing(path: String)
    /// The file is not a SQLite database, or not a DistillScope store, or is damaged.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer version of the tool.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A reference of that name exists already.
    case duplicateReference(name: String)
    /// No reference of that name.
    case unknownReference(name: String)
    /// A reference name that cannot be used.
    case invalidName(String, reason: String)
    /// The store's fingerprint options differ from the ones asked for.
    case optionsMismatch(path: String, store: String, requested: String)
    /// Data in the store that does not decode.
    case corrupt(path: String, detail: String)
    /// Too few references to score against: each needs at least one independent model as its null.
    case tooFewReferences(path: String, count: Int)
    /// No candidate has a reference of another family to be compared with (one family, or baselines only).
    case nothingTestable(path: String)
    /// An SQLite error, with the operation that failed.
    case database(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such store (create one with `distillscope index add`)"
        case .notAStore(let path, let reason):
            return "\(path): not a DistillScope store: \(reason)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path): store format version \(found) is newer than this tool supports (\(supported))"
        case .duplicateReference(let name):
            return "a reference named \(quoted(name)) is already in the store (remove it first)"
        case .unknownReference(let name):
            return "no reference named \(quoted(name)) in the store"
        case .invalidName(let name, let reason):
            return "invalid reference name \(quoted(name)): \(reason)"
        case .optionsMismatch(let path, let store, let requested):
            return "\(path): the store's fingerprints use \(store), not \(requested)"
        case .corrupt(let path, let detail):
            return "\(path): damaged store: \(detail)"
        case .tooFewReferences(let path, let count):
            let holds = count == 0 ? "no references" : count == 1 ? "1 reference" : "\(count) references"
            return "\(path): the store holds \(holds); scoring needs at least two so that each has independent "
                + "models to compare with (add references with `distillscope index add`)"
        case .nothingTestable(let path):
            return "\(path): no candidate reference has a reference of another family to be compared with "
                + "(all references are in one family, or all are baselines): nothing can be tested; add independent "
                + "models (references of another ReferenceMetadata.family) or change the references' families"
        case .database(let path, let operation, let message):
            return "\(path): \(operation) failed: \(message)"
        }
    }

    public var errorDescription: String? { description }
}

/// A quoted, bounded excerpt of a user-supplied name.
func quoted(_ text: String) -> String {
    "\"" + DistillError.excerpt(text, limit: 60) + "\""
}
