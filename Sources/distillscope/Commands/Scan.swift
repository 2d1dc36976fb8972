import ArgumentParser
import DistillCore
import DistillReport
import DistillStore
import Foundation

/// `distillscope scan PATH... --store refs.db`: CI gate over training data or model dumps. Each input
/// file is scored against the store; findings over threshold give exit 1.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files against the store for CI: findings per file, exit 1 when any is over threshold.",
        discussion: """
            Exit 0: nothing over threshold; 1: findings over threshold; 2: usage or input error. \
            --fail-on any|none|SIGNAL[,SIGNAL...] chooses which findings fail; --baseline reports and fails \
            on new findings only. Config: docs/ci.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var store: StoreArguments
    @OptionGroup var reportOutput: ReportArguments
    @OptionGroup var signalOptions: ScoringSignalArguments

    @Argument(help: "Files or directories to scan (directories are walked, sorted).")
    var paths: [String]

    @OptionGroup var scan: ScanArguments

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give files or directories to scan") }
    }

    func run() throws {
        let settings = try ScanConfig.resolve(scan.config)
        let format = scan.resolvedFormat(settings)
        let options = try scan.runnerOptions(
            settings, corpus: corpus.options(threads: global.threadCount), signals: signalOptions,
            threads: global.threadCount)
        var inputs: [ForensicReport.Input] = []
        let report = try ScanRunner.run(
            paths: paths, store: try store.path(), references: try store.scoringSource(), options: options,
            inputs: reportOutput.path == nil ? nil : { inputs.append($0) }, progress: global.scanProgress())
        try reportOutput.write(
            VerdictReportMapper.report(
                report, inputs: inputs, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine))
        var data = try format.formatter(sourceRoot: scan.root).render(
            format == .json ? report : report.withCommandLineRemedies)
        // Text is for people, wherever it goes: no raw control characters from the scanned data.
        if format == .text { data = Data(Terminal.safe(String(decoding: data, as: UTF8.self)).utf8) }
        if let file = scan.output ?? settings.output?.file {
            try Terminal.write(data, toPath: file)
            if !global.quiet { Terminal.writeError("wrote \(file): \(report.failingCount) failing findings\n") }
        } else {
            try Terminal.write(data)
        }
        if report.failingCount > 0 { throw ExitCode(ExitStatus.findings) }
    }

}
