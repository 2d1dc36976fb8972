import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope phrases A B`: the words and phrases that give A away against B.
struct Phrases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Over-represented phrases of corpus A against corpus B (log-odds, informative Dirichlet prior).",
        discussion: """
            Scores every n-gram of A by the log-odds ratio of A against B with an informative Dirichlet \
            prior (Monroe, Colaresi & Quinn 2008) and lists the highest z-scores. The prior comes from \
            --background, or from A and B pooled.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments

    @Argument(help: "The corpus whose phrases are listed.")
    var a: String

    @Argument(help: "The corpus it is compared with.")
    var b: String

    @Option(help: "A background corpus for the prior.")
    var background: String?

    @Option(help: "Phrases to list.")
    var top: Int = 50

    @Option(help: "N-gram widths as LOW..HIGH or N.")
    var ngram: String = "1..3"

    @Option(help: "Least count in A for a phrase to be scored.")
    var minCount: Int = 3

    @Option(help: "Prior strength α₀ (pseudo-counts per width).")
    var priorStrength: Double = 1000

    @Option(help: "Write the JSON report to FILE (- for standard output).")
    var json: String?

    var widths: ClosedRange<Int>? {
        let parts = ngram.components(separatedBy: "..")
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, let lo = values.first, let hi = values.last, parts.count <= 2,
            lo >= 1, hi <= 8, lo <= hi
        else { return nil }
        return lo...hi
    }

    func validate() throws {
        if widths == nil { throw ValidationError("--ngram must be N or LOW..HIGH within 1..8") }
        if top < 1 { throw ValidationError("--top must be positive") }
        if minCount < 1 { throw ValidationError("--min-count must be positive") }
        if !(priorStrength > 0) { throw ValidationError("--prior-strength must be positive") }
    }

    func run() throws {
        let widths = self.widths!
        let comparison = try PhraseLogOdds.run(
            a: a, b: b, background: background, widths: widths, priorStrength: priorStrength, minCount: minCount,
            top: top, corpus: corpus.options(threads: global.threadCount))
        let report = PhrasesReport(
            comparison, a: a, b: b, background: background, widths: widths, priorStrength: priorStrength,
            minCount: minCount)
        if let json { try JSONOutput.write(report, to: json) }
        if json != "-" {
            try Terminal.write(
                PhrasesTextFormatter.format(report, backgroundDocuments: comparison.documentsBackground))
        }
    }
}
