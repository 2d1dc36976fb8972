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

    func validate() throws {
        if [teacher, suspect, background].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be only one of the corpora")
        }
        if widths.isEmpty || widths.contains(where: { !(1...64).contains($0) }) {
            throw ValidationError("--ngram must be between 1 and 64")
        }
        if !(0...1).contains(nearDuplicateThreshold) || nearDuplicateThreshold == 0 {
            throw ValidationError("--near-duplicate-threshold must be in (0, 1]")
        }
        if boilerplateMinDocs < 0 { throw ValidationError("--boilerplate-min-docs must not be negative") }
        if evidence < 0 { throw ValidationError("--evidence must not be negative") }
    }

    func run() throws {
        // Each corpus is read more than once (n-grams, then style and identity): standard input is
        // spooled so every pass sees it.
        if [teacher, suspect, background].contains("-") { StandardInput.spool() }
        var clock = PhaseClock()
        let threads = global.threadCount
        let corpusOptions = corpus.options(threads: threads)
        var fpOptions = fingerprint.options(keepWordIDs: true, keepText: true)
        fpOptions.computeSignatures = !noNearDuplicates
        fpOptions.keepShingleSets = false  // computed from the word ids where needed
        let bar = global.makeProgress(label: "compare")
        let update: (ReadProgress) -> Void = {
            bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents)
        }
        let reference = try CorpusFingerprinter.fingerprint(
            paths: [teacher], corpusOptions: corpusOptions, options: fpOptions, progress: update)
        let suspected = try CorpusFingerprinter.fingerprint(
            paths: [suspect], corpusOptions: corpusOptions, options: fpOptions, progress: update)
        let backgroundCorpus = try background.map {
            try CorpusFingerprinter.fingerprint(
                paths: [$0], corpusOptions: corpusOptions, options: fpOptions, progress: update)
        }
        let sections =
            try noStyle
            ? nil
            : CompareStyleSection.compute(
                teacher: teacher, suspect: suspect, background: background, corpusOptions: corpusOptions,
                detector: identityOptions.detector(), progress: update)
        bar?.finish()
        clock.lap("read")
        let options = OverlapOptions(
            widths: widths, boilerplateMinDocuments: boilerplateMinDocs,
            nearDuplicateThreshold: nearDuplicateThreshold, maxEvidence: max(evidence, reportOutput.evidencePool),
            nearDuplicates: !noNearDuplicates)
        let overlap = OverlapComparison.compare(
            suspect: suspected, reference: reference, background: backgroundCorpus, options: options,
            shingleWidth: fingerprint.shingle, threads: threads)
        clock.lap("compare")
        try reportOutput.write(
            try forensicReport(
                overlap, teacher: reference, suspect: suspected, background: backgroundCorpus,
                sections: sections.map { ($0.style, $0.identity) }, clock: clock))
        let report = CompareReport(
            schemaVersion: ReportJSON.schemaVersion, command: "compare",
            teacher: CompareReport.Input(path: teacher, summary: reference.summary),
            suspect: CompareReport.Input(path: suspect, summary: suspected.summary),
            background: backgroundCorpus.map { CompareReport.Input(path: background ?? "", summary: $0.summary) },
            overlap: overlap, style: sections?.style, identity: sections?.identity,
            summary: CompareReport.summarize(overlap: overlap, identity: sections?.identity))
        if let json { try JSONOutput.write(report, to: json) }
        if json != "-" {
            try Terminal.write(CompareTextFormatter.format(report, evidence: evidence))
            try Terminal.write(CompareStyleSection.format(style: report.style, identity: report.identity))
        }
    }
}

/// The JSON report of `compare`.
struct CompareReport: Codable {
    struct Input: Codable {
        var path: String
        var summary: CorpusSummary
    }

    var schemaVersion: Int
    var command: String
    var teacher: Input
    var suspect: Input
    var background: Input?
    var overlap: OverlapReport
    var style: CompareStyleSection?
    var identity: CompareIdentitySection?
    /// One plain sentence: does the suspect look derived from the teacher, and on what evidence.
    var summary: String = ""

    /// The plain-sentence reading of the numbers. Descriptive: `compare` has no independent models
    /// to calibrate against (that is `score` with a store), so it says what is shared, not a p-value.
    static func summarize(overlap o: OverlapReport, identity: CompareIdentitySection?) -> String {
        var found: [String] = []
        if let w = o.widths.max(by: { $0.n < $1.n }), w.evidenceSpans > 0 {
            let longest = w.evidence.map(\.tokens).max() ?? w.n
            found.append(
                "\(w.evidenceSpans) passage\(w.evidenceSpans == 1 ? "" : "s") of \(w.n)+ tokens that are not boilerplate "
                    + "appear in both (longest \(longest) tokens; \(String(format: "%.2f", 100 * w.corpusContainment))% of the "
                    + "suspect's \(w.n)-gram windows)")
        }
        if o.nearDuplicates.total > 0 {
            found.append(
                "\(o.nearDuplicates.total) suspect document\(o.nearDuplicates.total == 1 ? " is a near-duplicate" : "s are near-duplicates") of teacher documents"
            )
        }
        if let identity {
            let teacherNames = Set(identity.teacher.rates.map(\.identity))
            let shared = identity.suspect.rates.filter { teacherNames.contains($0.identity) }
            if let top = shared.first {
                found.append(
                    "the suspect names itself \(top.label), as the teacher does, in \(top.documents) of "
                        + "\(identity.suspect.documents) documents")
            }
        }
        if found.isEmpty {
            return "No sign that the suspect was derived from the teacher: no shared passages beyond boilerplate, "
                + "no near-duplicates, no teacher identity claims. (Descriptive; `score` against a store of "
                + "references gives a calibrated verdict.)"
        }
        return "The suspect looks derived from the teacher: " + found.joined(separator: "; ")
            + ". (Descriptive; `score` against a store of references gives a calibrated verdict.)"
    }
}
