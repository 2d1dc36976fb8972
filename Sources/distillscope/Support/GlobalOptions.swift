import ArgumentParser
import DistillCore
import DistillReport
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

    @Option(
        help: ArgumentHelp(
            "Most documents to read (exit 2 past it): the memory guard of commands that keep 1–2 KB per document.",
            discussion: "inspect and fingerprint stream and have no limit."))
    var maxDocuments: Int = CorpusArguments.defaultMaxDocuments

    /// Half a million documents. Measured peaks at the limit (500,000 three-word documents, release
    /// build): dedup 0.57 GB, scan 1.2 GB (with an 11-reference store), compare of two such corpora 1.55 GB;
    /// 4 million tiny documents stop at the limit with exit 2 at under 0.75 GB.
    static let defaultMaxDocuments = 500_000

    func validate() throws {
        if maxRecordBytes < 1 { throw ValidationError("--max-record-bytes must be positive") }
        if maxDocuments < 1 { throw ValidationError("--max-documents must be positive") }
    }

    func options(threads: Int) -> CorpusOptions {
        CorpusOptions(
            fields: FieldOverrides(textField: textField, promptField: promptField, idField: idField),
            skipInvalid: skipInvalid, maxRecordBytes: maxRecordBytes, threads: threads, maxDocuments: maxDocuments)
    }
}

extension GlobalOptions {
    /// A progress display of a scan: one bar per file, reading then scoring stages.
    func scanProgress() -> (ScanRunner.Event) -> Void {
        var bar: ProgressBar?
        return { event in
            switch event {
            case .started(let file): bar = makeProgress(label: "scan \(file)")
            case .reading(_, let p): bar?.update(bytes: p.bytesRead, total: p.totalBytes, items: p.documents)
            case .scoring(_, let stage, let done, let total): bar?.update(stage: stage, done: done, total: total)
            case .finished: bar?.finish()
            }
        }
    }
}
