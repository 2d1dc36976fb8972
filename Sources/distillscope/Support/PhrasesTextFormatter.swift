import DistillReport
import Foundation

/// Human-readable output of `phrases`.
enum PhrasesTextFormatter {
    /// The corpora's sizes and the phrase table. `backgroundDocuments` is the prior corpus's size.
    static func format(_ report: PhrasesReport, backgroundDocuments: Int?) -> String {
        var out = "A \(report.a): \(report.documentsA) documents\nB \(report.b): \(report.documentsB) documents\n"
        if let background = report.background { out += "prior \(background): \(backgroundDocuments ?? 0) documents\n" }
        out += "\nOver-represented in A (log-odds with informative Dirichlet prior, α₀ = \(report.priorStrength))\n"
        out += "      z   log-odds   A/1M      B/1M    A     B     phrase\n"
        for p in report.phrases {
            out += String(
                format: "  %6.2f  %7.3f  %8.1f  %8.1f  %4d  %4d    %@\n", p.z, p.logOdds, p.perMillionA, p.perMillionB,
                p.countA, p.countB, CompareTextFormatter.oneLine(p.phrase, limit: 60))
        }
        return out
    }
}
