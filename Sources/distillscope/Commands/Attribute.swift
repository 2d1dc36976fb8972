import ArgumentParser
import DistillCore
import DistillReport

/// `distillscope attribute SUSPECT --ref NAME=PATH ...`: which reference (if any) the suspect writes like.
struct Attribute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank candidate source models of a suspect by style, with a bootstrap confidence.",
        discussion: """
            Features: function words plus the most frequent words of the references; distance: Cosine \
            or Burrows' Delta. The suspect is attributed to its closest reference only when it is closer \
            than same-size samples of the other references are (p ≤ --alpha); otherwise the answer is \
            "none of these". Exit code 1 when attributed, 0 for none of these.
            """)

    @OptionGroup var reportOutput: ReportArguments
    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var identityOptions: IdentityArguments

    @Argument(help: "The suspect corpus.")
    var suspect: String

    @Option(name: .customLong("ref"), help: "A reference corpus as NAME=PATH (two or more).")
    var references: [String] = []

    @Option(help: "Bootstrap replicates (and null draws per reference).")
    var bootstrap: Int = 1000

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 0x5EED

    @Option(help: "Most frequent words of the references added to the features.")
    var mfw: Int = 100

    @Flag(help: "Leave the function-word list out of the features.")
    var noFunctionWords = false

    @Option(help: "z-score basis: segments (spread over reference segments) or corpora (faststylometry).")
    var basis: StyleDistance.ZScoreBasis = .segments

    @Option(help: "Ranking distance: cosine or burrows.")
    var distance: AttributionOptions.Distance = .cosine

    @Option(help: "Level of the none-of-these test.")
    var alpha: Double = 0.05

    @Option(help: "Cut documents into bootstrap segments of at most this many words (0: whole documents).")
    var segmentWords: Int = 500

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    @Option(
        help: ArgumentHelp("Write the word tokens of every document as JSON (for peer checks).", visibility: .hidden))
    var dumpTokens: String?

    func run() throws {
        let bar = global.makeProgress(label: "attribute")
        let corpusOptions = corpus.options(threads: global.threadCount)
        let outcome = try withArgumentNames {
            try Attribution.run(
                suspect: suspect, references: namedReferences, options: attributionOptions,
                segmentWords: segmentWords, identity: try identityOptions.detector(), corpus: corpusOptions,
                progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
        }
        bar?.finish()
        if let dumpTokens {
            let dump = try StyleTokens.dump(suspect: suspect, references: namedReferences, corpusOptions: corpusOptions)
            try JSONOutput.write(dump, to: dumpTokens)
        }
        let report = AttributeReport(outcome)
        if let json { try JSONOutput.write(report, to: json) }
        try reportOutput.write(
            try AttributionReportMapper.report(
                report, segmentWords: segmentWords, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine))
        if json != "-" { try Terminal.write(AttributeTextFormatter.format(report)) }
        if outcome.result.attributedTo != nil { throw ExitCode(ExitStatus.findings) }
    }
}
