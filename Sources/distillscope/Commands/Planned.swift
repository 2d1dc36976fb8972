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

struct Watermark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watermark detection and the radioactivity test (not available yet).",
        subcommands: [Detect.self, Radioactivity.self])

    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per-document watermark scores (not available yet).")
        @Argument var paths: [String] = []
        func run() throws { try unavailable("watermark detect") }
    }

    struct Radioactivity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Corpus-level radioactivity test (not available yet).")
        @Argument var paths: [String] = []
        func run() throws { try unavailable("watermark radioactivity") }
    }
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

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-render saved reports (not available yet).", subcommands: [Render.self])
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a JSON report as HTML or Markdown (not available yet).")
        @Argument var arguments: [String] = []
        func run() throws { try unavailable("report render") }
    }
}
