import ArgumentParser
import DistillCore
import Foundation

/// When to draw a progress bar.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Print nothing but results and errors.")
    var quiet = false

    @Option(help: "Progress bar on stderr: auto (when stderr is a terminal), always, never.")
    var progress: ProgressMode = .auto

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be between 1 and 1024")
        }
    }

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    func makeProgress(label: String) -> ProgressBar? {
        if quiet { return nil }
        switch progress {
        case .never: return nil
        case .always: return ProgressBar(label: label, delay: 0)
        case .auto: return Terminal.stderrIsTerminal ? ProgressBar(label: label, delay: 1.0) : nil
        }
    }
}

/// How corpora are read.
struct CorpusArguments: ParsableArguments {
    @Option(help: "JSON field that holds the text (overrides shape detection).")
    var textField: String?

    @Option(help: "JSON field that holds the prompt.")
    var promptField: String?

    @Option(help: "JSON field that holds the record id.")
    var idField: String?

    @Flag(help: "Count and report bad records instead of stopping at the first.")
    var skipInvalid = false

    @Option(help: "Largest record (line, array element or text file) in bytes.")
    var maxRecordBytes: Int = 16 << 20

    func validate() throws {
        if maxRecordBytes < 1 { throw ValidationError("--max-record-bytes must be positive") }
    }

    func options(threads: Int) -> CorpusOptions {
        CorpusOptions(
            fields: FieldOverrides(textField: textField, promptField: promptField, idField: idField),
            skipInvalid: skipInvalid, maxRecordBytes: maxRecordBytes, threads: threads)
    }
}
