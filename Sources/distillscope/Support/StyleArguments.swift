import ArgumentParser
import DistillCore

/// Options of the identity-leak scan, shared by `compare` and `attribute`.
struct IdentityArguments: ParsableArguments {
    @Option(
        name: .customLong("identity-patterns"),
        help: "An extra identity pattern file (JSON, see data/identity-patterns.json); repeatable.")
    var identityPatterns: [String] = []

    /// The default patterns extended by the user's files.
    func detector() throws -> IdentityDetector {
        var patterns = IdentityPatterns.standard
        for path in identityPatterns { patterns = patterns.merging(try IdentityPatterns.load(path: path)) }
        return try IdentityDetector(patterns: patterns)
    }
}

extension StyleDistance.ZScoreBasis: ExpressibleByArgument {}
extension AttributionOptions.Distance: ExpressibleByArgument {}

/// Text rendering of identity reports.
enum IdentityTextFormatter {
    static func format(_ report: IdentityReport, name: String) -> String {
        var out = "  \(name): \(report.documentsWithClaims) of \(report.documents) documents name a model or maker\n"
        for r in report.rates {
            out += "    \(r.label): \(r.documents) documents, \(CompareTextFormatter.percent(r.rate))"
            out += " (95% CI \(CompareTextFormatter.percent(r.lower))–\(CompareTextFormatter.percent(r.upper)))\n"
            for e in r.examples { out += "      \(DistillError.excerpt(e.document, limit: 24)): \"\(e.snippet)\"\n" }
        }
        return out
    }
}
