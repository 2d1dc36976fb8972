import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope style-profile CORPUS...` (hidden): the style profile summary of each corpus, for
/// scripts and throughput measurements (`scripts/bench-style.sh`).
struct StyleProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "style-profile", abstract: "Style profile summary of each corpus.", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments

    @Argument(help: "Corpora to profile.")
    var paths: [String]

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    struct Report: Codable {
        struct Entry: Codable {
            var path: String
            var bytes: Int
            var summary: StyleSummary
        }
        var schemaVersion: Int
        var command: String
        var corpora: [Entry]
    }

    func run() throws {
        let options = corpus.options(threads: global.threadCount)
        var entries: [Report.Entry] = []
        var timings: [String] = []
        for path in paths {
            let start = DispatchTime.now().uptimeNanoseconds
            let c = try StyleCorpus.read(paths: [path], corpusOptions: options)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let bytes = c.summary.files.reduce(0) { $0 + $1.decodedBytes }
            entries.append(.init(path: path, bytes: bytes, summary: StyleSummary(c.profile)))
            timings.append(
                String(
                    format: "%@: %d documents, %.1f MB in %.3f s = %.1f MB/s\n", path, c.summary.documents,
                    Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / seconds))
        }
        let report = Report(schemaVersion: ReportJSON.schemaVersion, command: "style-profile", corpora: entries)
        if let json { try JSONOutput.write(report, to: json) }
        if !global.quiet { for t in timings { Terminal.writeError(t) } }
        if json != "-" {
            for e in entries {
                let s = e.summary
                try Terminal.write(
                    String(
                        format:
                            "%@: %d documents, %d words, MATTR %.3f, MTLD %.1f, Yule's K %.1f, %.1f words/sentence\n",
                        e.path, s.documents, s.words, s.mattr, s.mtld ?? 0, s.yulesK, s.meanSentenceLength))
            }
        }
    }
}
