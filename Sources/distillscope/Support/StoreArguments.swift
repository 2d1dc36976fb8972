import ArgumentParser
import DistillStore
import Foundation

/// The `--store` option, defaulting to `$DISTILLSCOPE_STORE`.
struct StoreArguments: ParsableArguments {
    @Option(help: "The fingerprint store (SQLite file); default $DISTILLSCOPE_STORE.")
    var store: String?

    /// The store path, from the option or the environment.
    func path() throws -> String {
        if let store { return store }
        if let env = ProcessInfo.processInfo.environment["DISTILLSCOPE_STORE"], !env.isEmpty { return env }
        throw ValidationError("give --store FILE or set DISTILLSCOPE_STORE")
    }

    /// Opens the store for scoring (`score`, `scan`).
    /// - Throws: ``StoreError/tooFewReferences(path:count:)`` when it holds fewer than two references:
    ///   with nothing to compare against, no result would mean anything (fail closed, not "no parent");
    ///   ``StoreError/nothingTestable(path:)`` when no candidate has a reference of another family.
    func scoringSource() throws -> StoreReferenceSource {
        try StoreReferenceSource.openForScoring(path: try path())
    }

    /// Opens the store read-only, for commands that only read (`index list`, `verify`, `export`,
    /// `score`, `scan`): a read-only file can be read, and nothing is written to it.
    func openForReading() throws -> FingerprintStore {
        try FingerprintStore(path: try path(), create: false, readOnly: true)
    }

    /// Opens the store; only `index add` and `index import` create one.
    func open(create: Bool = false) throws -> FingerprintStore {
        try FingerprintStore(path: try path(), create: create)
    }
}
