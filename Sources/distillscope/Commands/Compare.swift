import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope compare TEACHER SUSPECT`: the evidence that SUSPECT learnt from TEACHER's outputs.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a suspect corpus with a teacher corpus: shared n-gram spans, containment, near-duplicates.",
        discussion: """
            Documents pair by id, else by identical prompt. N-grams found in at least \
            --boilerplate-min-docs teacher documents, or anywhere in --background, are boilerplate: \
            counted apart and never evidence.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var fingerprint: FingerprintArguments
    @OptionGroup var reportOutput: ReportArguments
    @OptionGroup var identityOptions: IdentityArguments

    @Argument(help: "The teacher (reference) corpus.")
    var teacher: String

    @Argument(help: "The suspect corpus.")
    var suspect: String

    @Option(name: .customLong("ngram"), help: "N-gram width of exact overlap (repeatable).")
    var widths: [Int] = [8, 13]

    @Option(help: "Teacher documents an n-gram must appear in to count as boilerplate (0: off).")
    var boilerplateMinDocs: Int = 10

    @Option(help: "A corpus whose n-grams are boilerplate (for example another model's outputs).")
    var background: String?

    @Option(help: "Jaccard threshold of the near-duplicate search.")
    var nearDuplicateThreshold: Double = 0.5

    @Flag(help: "Skip the near-duplicate search (exact n-gram overlap only).")
    var noNearDuplicates = false

    @Option(help: "Evidence spans to show.")
    var evidence: Int = 10

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    @Flag(help: "Skip the style and identity sections.")
    var noStyle = false

    func run() throws {
        var clock = PhaseClock()
        let bar = global.makeProgress(label: "compare")
        let options = CorpusComparison.Options(
            corpus: corpus.options(threads: global.threadCount),
            fingerprint: fingerprint.options(keepWordIDs: true, keepText: true),
            overlap: OverlapOptions(
                widths: widths, boilerplateMinDocuments: boilerplateMinDocs,
                nearDuplicateThreshold: nearDuplicateThreshold, maxEvidence: max(evidence, reportOutput.evidencePool),
                nearDuplicates: !noNearDuplicates),
            identity: noStyle ? nil : try identityOptions.detector(), threads: global.threadCount)
        let result = try CorpusComparison.compare(
            teacher: teacher, suspect: suspect, background: background, options: options,
            progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
        bar?.finish()
        clock.lap("compare")
        try reportOutput.write(try forensicReport(result, clock: clock))
        let report = CompareReport(result, teacher: teacher, suspect: suspect, background: background)
        if let json { try JSONOutput.write(report, to: json) }
        if json != "-" {
            try Terminal.write(CompareTextFormatter.format(report, evidence: evidence))
            try Terminal.write(CompareTextFormatter.format(style: report.style, identity: report.identity))
        }
    }
}
