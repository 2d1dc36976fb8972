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

struct Attribute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank candidate source models of a suspect (not available yet).")
    @Argument var paths: [String] = []
    func run() throws { try unavailable("attribute") }
}

struct Phrases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Over-represented phrases of one corpus against another (not available yet).")
    @Argument var paths: [String] = []
    func run() throws { try unavailable("phrases") }
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
