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

    /// Opens the store; only `index add` and `index import` create one.
    func open(create: Bool = false) throws -> FingerprintStore {
        try FingerprintStore(path: try path(), create: create)
    }
}
