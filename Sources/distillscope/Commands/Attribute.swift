import ArgumentParser
import DistillCore
import DistillReport
import Foundation

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

    func validate() throws {
        if references.count < 2 { throw ValidationError("give two or more --ref NAME=PATH") }
        for r in references where parse(r) == nil { throw ValidationError("--ref must be NAME=PATH, got \(r)") }
        if Set(references.compactMap { parse($0)?.name }).count != references.count {
            throw ValidationError("--ref names must differ")
        }
        if !(1...1_000_000).contains(bootstrap) { throw ValidationError("--bootstrap must be between 1 and 1000000") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1)") }
        if mfw < 0 || segmentWords < 0 { throw ValidationError("--mfw and --segment-words must not be negative") }
        if noFunctionWords && mfw == 0 { throw ValidationError("no features: give --mfw or keep function words") }
    }

    func parse(_ s: String) -> (name: String, path: String)? {
        guard let eq = s.firstIndex(of: "="), eq != s.startIndex, s.index(after: eq) != s.endIndex else { return nil }
        return (String(s[..<eq]), String(s[s.index(after: eq)...]))
    }

    func run() throws {
        let threads = global.threadCount
        let corpusOptions = corpus.options(threads: threads)
        let detector = try identityOptions.detector()
        let refs = references.compactMap(parse)
        let bar = global.makeProgress(label: "attribute")
        let update: (ReadProgress) -> Void = {
            bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents)
        }
        let options = StyleCorpus.Options(segmentWords: segmentWords)
        let suspectCorpus = try StyleCorpus.read(
            paths: [suspect], corpusOptions: corpusOptions,
            options: StyleCorpus.Options(segmentWords: segmentWords, identity: detector), progress: update)
        var refCorpora: [(name: String, corpus: StyleCorpus)] = []
        for r in refs {
            refCorpora.append(
                (
                    r.name,
                    try StyleCorpus.read(
                        paths: [r.path], corpusOptions: corpusOptions, options: options, progress: update)
                ))
        }
        bar?.finish()
        let attribution = AttributionOptions(
            mostFrequentWords: mfw, functionWords: !noFunctionWords, basis: basis, distance: distance,
            bootstrap: bootstrap, seed: seed, alpha: alpha)
        let result = try Attribution.attribute(
            suspect: suspectCorpus, references: refCorpora, options: attribution, threads: threads)
        if let dumpTokens {
            let dump = try StyleTokens.dump(
                suspect: suspect, references: refs, corpusOptions: corpusOptions)
            try JSONOutput.write(dump, to: dumpTokens)
        }
        let report = AttributeReport(
            schemaVersion: ReportJSON.schemaVersion, command: "attribute",
            suspect: .init(name: "suspect", path: suspect, summary: suspectCorpus.summary),
            references: zip(refs, refCorpora).map { .init(name: $0.name, path: $0.path, summary: $1.corpus.summary) },
            result: result, identity: suspectCorpus.identity?.report(patterns: detector.patterns))
        if let json { try JSONOutput.write(report, to: json) }
        try reportOutput.write(try forensicReport(report, corpusOptions: corpusOptions))
        if json != "-" { try Terminal.write(Self.format(report)) }
        if result.attributedTo != nil { throw ExitCode(ExitStatus.findings) }
    }

    static func format(_ report: AttributeReport) -> String {
        let r = report.result
        var out = "suspect  \(report.suspect.path): \(r.suspectSegments) segments, \(r.suspectWords) words\n"
        out += "features \(r.vocabulary.count) words; \(r.options.distance.rawValue) Delta, z-scores over "
        out += "\(r.options.basis.rawValue); \(r.options.bootstrap) bootstrap replicates\n\n"
        out += "  reference             distance  Burrows  Cosine   first   p-value  threshold\n"
        for ref in r.references {
            let name = DistillError.excerpt(ref.name, limit: 20).padding(toLength: 20, withPad: " ", startingAt: 0)
            out += String(
                format: "  %@  %8.4f  %7.4f  %6.4f  %5.1f%%  %7.4f  %8.4f\n", name, ref.distance, ref.burrowsDelta,
                ref.cosineDelta, 100 * ref.rankFirstFraction, ref.pValue, ref.noneThreshold)
        }
        if r.inconclusive == true, let closest = r.references.first {
            out += String(
                format: "\ninconclusive (closest: %@; only %.1f%% of bootstrap replicates agree, %.0f%% needed)\n",
                closest.name, 100 * r.confidence, 100 * AttributionResult.minimumConfidence)
        } else if let to = r.attributedTo {
            out += String(format: "\nattributed to %@ (confidence %.1f%%)\n", to, 100 * r.confidence)
        } else {
            out += String(format: "\nnone of these (confidence %.1f%%)\n", 100 * r.confidence)
        }
        if let identity = report.identity, !identity.rates.isEmpty {
            out += "\nIdentity claims\n" + IdentityTextFormatter.format(identity, name: "suspect")
        }
        return out
    }
}

/// The JSON report of `attribute`.
struct AttributeReport: Codable {
    struct Input: Codable {
        var name: String
        var path: String
        var summary: CorpusSummary
    }

    var schemaVersion: Int
    var command: String
    var suspect: Input
    var references: [Input]
    var result: AttributionResult
    var identity: IdentityReport?
}
