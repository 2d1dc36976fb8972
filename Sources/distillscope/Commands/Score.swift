import ArgumentParser
import DistillCore
import DistillReport
import DistillStore
import Foundation

/// `distillscope score SUSPECT --store refs.db`: every signal of the suspect against every reference,
/// a calibrated verdict per reference, and a decision where "no parent found" is a normal outcome.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a suspect against the store's references: calibrated verdict per reference.",
        discussion: """
            Each signal's p-value is computed against the other references of the store (how similar \
            independent models are to that reference); Holm–Bonferroni over references. Exit 0: no \
            parent found; 1: a parent found; 2: usage or input error. Method: docs/scoring.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var store: StoreArguments
    @OptionGroup var reportOutput: ReportArguments
    @OptionGroup var signals: ScoringSignalArguments
    @OptionGroup var shards: ScorePartialArguments

    @Argument(help: "The suspect corpus (files, directories or -); with --merge, the partials of all shards.")
    var paths: [String]

    @Option(help: "Family-wise error rate over the references (Holm–Bonferroni).")
    var alpha: Double = VerdictOptions.defaultAlpha

    @Option(help: "Evidence items per signal and reference (the terminal shows at most 3 of them).")
    var evidence: Int = VerdictOptions.defaultMaxEvidence

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give the suspect corpus") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1)") }
        if evidence < 0 { throw ValidationError("--evidence must not be negative") }
        if shards.partial != nil && json != nil {
            throw ValidationError("--partial writes no verdict: merge for --json")
        }
    }

    func run() throws {
        var clock = PhaseClock()
        let threads = global.threadCount
        let options = VerdictOptions(alpha: alpha, maxEvidence: evidence)
        let scorer = try signals.scorer(options: options)
        let source = try store.scoringSource()
        let bar = global.makeProgress(label: "score")
        let stage = { (s: String, done: Int, total: Int) -> Void in bar?.update(stage: s, done: done, total: total) }
        if let out = shards.partial {
            return try shards.writePartial(
                to: out, paths: paths, corpus: corpus.options(threads: threads), source: source)
        }
        let (suspect, report) =
            shards.merge
            ? try scorer.score(
                partials: try shards.readPartials(paths), references: source, threads: threads,
                maxDocuments: corpus.options(threads: threads).maxDocuments, progress: stage)
            : try scorer.score(
                paths: paths, corpus: corpus.options(threads: threads), references: source, threads: threads,
                reading: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) },
                progress: stage)
        bar?.finish()
        clock.lap("score")
        if let json { try JSONOutput.write(report, to: json) }
        try reportOutput.write(
            VerdictReportMapper.report(
                report,
                input: try ReportInputHasher.input(
                    role: "suspect", path: suspect.path, summary: suspect.corpus.summary),
                tool: ReportOutput.tool, commandLine: ReportOutput.commandLine, timings: clock.timings))
        if json != "-" { try Terminal.write(ScoreTextFormatter.format(report)) }
        if report.decision.parentFound { throw ExitCode(ExitStatus.findings) }
    }
}
