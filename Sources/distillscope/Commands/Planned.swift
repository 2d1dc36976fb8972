import ArgumentParser
import DistillCore

/// Commands whose engines are still being built. Each is in the tree so `--help` shows the whole
/// tool, and each says plainly that it is not available yet (exit 2) rather than pretending.
struct NotYetAvailable: Error, CustomStringConvertible {
    var command: String
    var description: String { "`distillscope \(command)` is not available in this version yet" }
}

private func unavailable(_ name: String) throws -> Never {
    Terminal.error(NotYetAvailable(command: name).description)
    throw ExitCode(ExitStatus.inputError)
}

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the fingerprint store of reference models (not available yet).",
        subcommands: [Add.self, List.self, Remove.self, Verify.self, Export.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a reference model (not available yet).")
        @Argument var arguments: [String] = []
        func run() throws { try unavailable("index add") }
    }
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reference models (not available yet).")
        func run() throws { try unavailable("index list") }
    }
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a reference model (not available yet).")
        @Argument var arguments: [String] = []
        func run() throws { try unavailable("index remove") }
    }
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the store's integrity (not available yet).")
        func run() throws { try unavailable("index verify") }
    }
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the store to one file (not available yet).")
        @Argument var arguments: [String] = []
        func run() throws { try unavailable("index export") }
    }
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a store file (not available yet).")
        @Argument var arguments: [String] = []
        func run() throws { try unavailable("index import") }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score a suspect against the store (not available yet).")
    @Argument var paths: [String] = []
    func run() throws { try unavailable("score") }
}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan data in CI with thresholds and exit codes (not available yet).")
    @Argument var paths: [String] = []
    func run() throws { try unavailable("scan") }
}
